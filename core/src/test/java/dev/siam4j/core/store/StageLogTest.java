package dev.siam4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.RunStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StageLogTest {
  @TempDir Path dir;

  private StageLog.Recovery recover(Path file, int perProblem) {
    StageLog.Recovery[] r = new StageLog.Recovery[1];
    try (StageLog log = StageLog.open(file, n -> n.path("p").asText(null), perProblem, x -> r[0] = x)) {
      log.write(Map.of("p", "next", "i", 0));
    }
    return r[0];
  }

  @Test
  void open_onAMissingFileStartsEmpty() throws Exception {
    Path f = dir.resolve("a.jsonl");
    assertThat(recover(f, 2).problems()).isZero();
    assertThat(Files.readAllLines(f)).hasSize(1);
  }

  @Test
  void open_dropsATornLastLineAndAppendsAfterTheLastCompleteProblem() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"p\":\"a\",\"i\":0}\n{\"p\":\"a\",\"i\":1}\n{\"p\":\"b\",\"i\":0}\n{\"p\":\"b\",\"i");
    StageLog.Recovery r = recover(f, 2);
    assertThat(r.problems()).isEqualTo(1);
    assertThat(r.droppedLines()).isEqualTo(2);
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(3);
    assertThat(lines.subList(0, 2)).containsExactly("{\"p\":\"a\",\"i\":0}", "{\"p\":\"a\",\"i\":1}");
    assertThat(lines.get(2)).contains("\"next\"");
  }

  @Test
  void open_keepsEveryCompleteProblemAndHashesTheirIdsInOrder() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"p\":\"a\"}\n{\"p\":\"b\"}\n{\"p\":\"c\"}\n");
    StageLog.Recovery r = recover(f, 1);
    assertThat(r.problems()).isEqualTo(3);
    long h = StageLog.hashStep(StageLog.hashStep(StageLog.hashStep(StageLog.EMPTY_HASH, "a"), "b"), "c");
    assertThat(r.idHash()).isEqualTo(h);
    assertThat(r.droppedLines()).isZero();
  }

  @Test
  void open_refusesADamagedRecordInTheMiddleNamingFileAndLine() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"p\":\"a\"}\n{\"p\":oops}\n{\"p\":\"c\"}\n");
    assertThatThrownBy(() -> recover(f, 1))
        .isInstanceOf(RunStoreException.class)
        .hasMessageStartingWith(f + ":2: damaged record in the middle of the file");
    assertThat(Files.readString(f)).isEqualTo("{\"p\":\"a\"}\n{\"p\":oops}\n{\"p\":\"c\"}\n");
  }

  @Test
  void open_refusesAProblemInterruptedBeforeTheNextBegins() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"p\":\"a\"}\n{\"p\":\"b\"}\n{\"p\":\"b\"}\n");
    assertThatThrownBy(() -> recover(f, 2))
        .isInstanceOf(RunStoreException.class)
        .hasMessage(f + ":2: problem a has 1 of 2 records before the next problem begins");
  }
}
