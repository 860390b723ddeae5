package dev.siam4j.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Problem;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.jsonl.JsonlReader;
import dev.siam4j.core.store.IterationFiles;
import dev.siam4j.core.testing.ToyWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExplorationTest {
  private static final Pattern ADD = Pattern.compile("(\\d+) \\+ (\\d+)");

  @TempDir Path dir;

  /**
   * toy-0 is solved by every sample; toy-1 and toy-2 only by the last sample of a request at a
   * temperature of 1 or more; toy-3 never. Records every request as "problem samples temperature".
   */
  private static final class Policy implements Generator {
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<Completion> generate(GenerationRequest request) {
      Problem p = request.problem().orElseThrow();
      double t = request.sampling().temperature();
      requests.add(String.format(Locale.ROOT, "%s %d %.1f", p.id(), request.samples(), t));
      Matcher m = ADD.matcher(request.prompt().flatten());
      int sum = m.find() ? Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) : 0;
      List<Completion> out = new ArrayList<>();
      for (int i = 0; i < request.samples(); i++) {
        boolean right =
            p.id().equals("toy-0")
                || (t >= 1.0 && i == request.samples() - 1 && (p.id().equals("toy-1") || p.id().equals("toy-2")));
        int value = right ? sum : sum + 1 + i;
        out.add(new Completion("print(" + value + ")", Completion.FinishReason.STOP, 5, 5));
      }
      return out;
    }
  }

  private SelfImprovementLoop.Builder loop(Policy policy) {
    return SelfImprovementLoop.builder()
        .problems(ToyWorld.problems(4))
        .generator(policy)
        .executor(ToyWorld.executor(Duration.ZERO))
        .critic(ToyWorld.critic())
        .preferenceBuilder(ToyWorld.preferenceBuilder())
        .samplesPerProblem(3)
        .runFolder(dir.resolve("run"));
  }

  @Test
  void exploration_rejectsBadValues() {
    assertThatThrownBy(() -> new Exploration(0, 1.0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extraSamples must be positive, was 0");
    assertThatThrownBy(() -> new Exploration(4, -0.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("temperature must be finite and not negative, was -0.5");
    assertThatThrownBy(() -> new Exploration(4, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds must be positive, was 0");
    assertThat(new Exploration(4, 1.0, 3).maxExtraSamples()).isEqualTo(12);
    assertThat(Exploration.of(8, 1.2)).isEqualTo(new Exploration(8, 1.2, 1));
  }

  @Test
  void builder_refusesExplorationSetTwice() {
    SelfImprovementLoop.Builder b = SelfImprovementLoop.builder().exploration(Exploration.of(4, 1.0));
    assertThatThrownBy(() -> b.exploration(Exploration.of(8, 1.0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("exploration was already set to Exploration[extraSamples=4, temperature=1.0, rounds=1]");
  }

  @Test
  void unsolvedProblemsGetMoreSamplesAtTheExplorationTemperature_solvedOnesKeepK() throws Exception {
    Policy policy = new Policy();
    LoopResult r = loop(policy).exploration(new Exploration(4, 1.2, 2)).build().run();

    // k = 3 at 0.7 for all; then toy-1 and toy-2 solved in their first round, toy-3 explored twice
    assertThat(policy.requests)
        .containsExactly(
            "toy-0 3 0.7", "toy-1 3 0.7", "toy-2 3 0.7", "toy-3 3 0.7",
            "toy-1 4 1.2", "toy-2 4 1.2", "toy-3 4 1.2", "toy-3 4 1.2");
    IterationFiles files = new IterationFiles(dir.resolve("run/iter-0"));
    List<ExplorationRecord> explored = read(files.exploration(), ExplorationRecord.class);
    assertThat(explored).extracting(ExplorationRecord::problemId).containsExactly("toy-0", "toy-1", "toy-2", "toy-3");
    assertThat(explored.get(0).samples()).isEmpty();
    assertThat(explored.get(1).samples()).extracting(s -> s.solution().key().sampleIndex()).containsExactly(3, 4, 5, 6);
    assertThat(explored.get(3).samples())
        .extracting(s -> s.solution().key().sampleIndex())
        .containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(explored.get(1).samples().get(3).verdict().correct()).isTrue();
    assertThat(explored.get(3).samples()).noneMatch(s -> s.verdict().correct());

    // the base k stay what the loop's metrics count; exploration's own counts are apart
    assertThat(r.iterations().get(0).samples()).isEqualTo(12);
    assertThat(r.iterations().get(0).approved()).isEqualTo(3);
    assertThat(Exploration.summary(files)).isEqualTo(new Exploration.Summary(3, 16, 2, 2));

    // the data built for toy-1 and toy-2 includes the explored programs the critic approved
    List<SftExample> sft = read(files.sft(), SftExample.class);
    assertThat(sft)
        .extracting(e -> e.key().problemId() + "#" + e.key().sampleIndex())
        .containsExactly("toy-0#0", "toy-0#1", "toy-0#2", "toy-1#6", "toy-2#6");
    assertThat(Files.readString(dir.resolve("run/manifest.json")))
        .contains("Exploration[extraSamples=4, temperature=1.2, rounds=2]");
  }

  @Test
  void aRunCutShortInExplorationResumesWhereItStopped_withTheSameRecords() throws Exception {
    Policy first = new Policy();
    loop(first).exploration(new Exploration(4, 1.2, 2)).build().run();
    IterationFiles files = new IterationFiles(dir.resolve("run/iter-0"));
    List<String> whole = Files.readAllLines(files.exploration());
    // as if killed while exploring the last problem: its line and everything after it missing
    Files.write(files.exploration(), whole.subList(0, 3));
    for (Path later : List.of(files.data(), files.sft(), files.pairs(), files.metrics(), dir.resolve("run/metrics.json"))) {
      Files.deleteIfExists(later);
    }

    Policy second = new Policy();
    loop(second).exploration(new Exploration(4, 1.2, 2)).build().run();

    assertThat(second.requests).containsExactly("toy-3 4 1.2", "toy-3 4 1.2");
    assertThat(Files.readAllLines(files.exploration())).isEqualTo(whole);
    assertThat(read(files.sft(), SftExample.class)).hasSize(5);
  }

  @Test
  void withoutExplorationNoProblemGetsMoreThanK() {
    Policy policy = new Policy();
    loop(policy).build().run();
    assertThat(policy.requests).hasSize(4).allMatch(s -> s.endsWith(" 3 0.7"));
    assertThat(dir.resolve("run/iter-0/exploration.jsonl")).doesNotExist();
    assertThat(Exploration.summary(new IterationFiles(dir.resolve("run/iter-0")))).isEqualTo(Exploration.Summary.NONE);
  }

  private static <T> List<T> read(Path file, Class<T> type) {
    List<T> out = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(file)) {
      for (JsonlReader.Line l : r) {
        out.add(l.as(type));
      }
    }
    return out;
  }
}
