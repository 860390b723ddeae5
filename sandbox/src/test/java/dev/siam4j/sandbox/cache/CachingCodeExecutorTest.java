package dev.siam4j.sandbox.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Outcome;
import dev.siam4j.sandbox.PythonSandbox;
import dev.siam4j.sandbox.Sandboxes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cache decorator: composition with a counting executor, and on a real sandbox. */
final class CachingCodeExecutorTest {

  /** Answers with the program's length and records what it ran. */
  private static final class Counting implements CodeExecutor {
    final List<String> ran = new ArrayList<>();

    @Override
    public synchronized Execution execute(String code) {
      ran.add(code);
      Outcome outcome = code.contains("slow") ? Outcome.TIMEOUT
          : code.contains("broken") ? Outcome.SANDBOX_FAILURE : Outcome.OK;
      return new Execution(outcome, 0, code.length() + "\n", "", Integer.toString(code.length()),
          Duration.ofMillis(5), Optional.empty());
    }
  }

  @Test
  void repeatedProgram_runsOnceAndCountsHits() {
    Counting inner = new Counting();
    CachingCodeExecutor cache = Sandboxes.caching(inner, "python 3.11 limits A", 100);
    assertThat(cache.execute("print(1)").answer()).isEqualTo("8");
    assertThat(cache.execute("print(1)").answer()).isEqualTo("8");
    assertThat(cache.execute("print(22)").answer()).isEqualTo("9");
    assertThat(inner.ran).containsExactly("print(1)", "print(22)");
    assertThat(cache.statistics()).isEqualTo(new CacheStatistics(1, 2, 0, 2));
    assertThat(cache.statistics().hitRate()).isEqualTo(1.0 / 3);
  }

  @Test
  void configuration_isPartOfTheKey() {
    Counting inner = new Counting();
    CachingCodeExecutor a = CachingCodeExecutor.wrap(inner, "limits A", 10);
    CachingCodeExecutor b = CachingCodeExecutor.wrap(inner, "limits B", 10);
    a.execute("print(1)");
    b.execute("print(1)");
    assertThat(inner.ran).hasSize(2);
  }

  @Test
  void timeoutsAndSandboxFailures_areNeverCached() {
    Counting inner = new Counting();
    CachingCodeExecutor cache = CachingCodeExecutor.wrap(inner, "c", 10);
    cache.execute("slow");
    cache.execute("slow");
    cache.execute("broken");
    cache.execute("broken");
    assertThat(inner.ran).hasSize(4);
    assertThat(cache.statistics().size()).isZero();
  }

  @Test
  void executeAll_runsOnlyMissesInOneBatchAndKeepsOrder() {
    List<List<String>> batches = new ArrayList<>();
    Counting counting = new Counting();
    CodeExecutor inner = new CodeExecutor() {
      @Override
      public Execution execute(String code) {
        return counting.execute(code);
      }

      @Override
      public List<Execution> executeAll(List<String> programs) {
        batches.add(programs);
        return CodeExecutor.super.executeAll(programs);
      }
    };
    CachingCodeExecutor cache = CachingCodeExecutor.wrap(inner, "c", 10);
    cache.execute("aa");
    List<Execution> all = cache.executeAll(List.of("aaa", "aa", "aaa", "a"));
    assertThat(all).extracting(Execution::answer).containsExactly("3", "2", "3", "1");
    assertThat(batches).containsExactly(List.of("aaa", "a"));
  }

  @Test
  void bound_evictsOldEntries() {
    Counting inner = new Counting();
    CachingCodeExecutor cache = CachingCodeExecutor.wrap(inner, "c", 2);
    for (int i = 0; i < 50; i++) {
      cache.execute("print(" + i + ")");
    }
    cache.cleanUpForTests();
    assertThat(cache.statistics().size()).isLessThanOrEqualTo(2);
    assertThat(cache.statistics().evictions()).isGreaterThanOrEqualTo(48);
  }

  @Test
  void wrap_validates() {
    assertThatThrownBy(() -> CachingCodeExecutor.wrap(new Counting(), "c", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maximumSize must be positive, was 0");
  }

  @Test
  void onARealSandbox_theFingerprintKeysTheCache() throws Exception {
    try (CachingCodeExecutor cache = Sandboxes.caching(
        PythonSandbox.builder().workers(1).preload(List.of("math")).build(), 100)) {
      Execution first = cache.execute("import random\nprint(random.random())");
      Execution second = cache.execute("import random\nprint(random.random())");
      // the documented caveat: a non-deterministic program keeps its first answer
      assertThat(second).isSameAs(first);
      assertThat(cache.statistics().hits()).isEqualTo(1);
    }
  }
}
