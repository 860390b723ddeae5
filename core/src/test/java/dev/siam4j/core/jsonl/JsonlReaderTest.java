package dev.siam4j.core.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.SampleKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonlReaderTest {
  @TempDir Path dir;

  @Test
  void readsObjectsWithTheirLineNumbersSkippingBlankLines() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"a\":1}\n\n{\"a\":\"二\"}\n");
    List<String> seen = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(f)) {
      r.forEachLine(l -> seen.add(l.number() + "=" + l.json().get("a").asText()));
    }
    assertThat(seen).containsExactly("1=1", "3=二");
  }

  @Test
  void badJsonNamesFileAndLine() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"a\":1}\n{\"a\":\n{\"a\":3}\n");
    try (JsonlReader r = JsonlReader.open(f)) {
      assertThatThrownBy(() -> r.forEachLine(l -> {}))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith(f + ":2: not valid JSON");
    }
  }

  @Test
  void aNonObjectLineIsRefused() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "[1,2]\n");
    try (JsonlReader r = JsonlReader.open(f)) {
      assertThatThrownBy(() -> r.forEachLine(l -> {}))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(f + ":1: expected a JSON object, found array");
    }
  }

  @Test
  void aTornLastLineIsSkippedOnlyWhenTolerated() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"a\":1}\n{\"a\":");
    try (JsonlReader r = JsonlReader.open(f).tolerateTornLastLine()) {
      List<Long> lines = new ArrayList<>();
      r.forEachLine(l -> lines.add(l.number()));
      assertThat(lines).containsExactly(1L);
      assertThat(r.skippedTornLastLine()).isTrue();
    }
    try (JsonlReader r = JsonlReader.open(f)) {
      assertThatThrownBy(() -> r.forEachLine(l -> {})).hasMessageStartingWith(f + ":2:");
    }
  }

  @Test
  void asNamesTheLineWhenARecordDoesNotFit() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"problemId\":\"p\",\"sampleIndex\":-1,\"iteration\":0}\n");
    try (JsonlReader r = JsonlReader.open(f)) {
      assertThatThrownBy(() -> r.iterator().next().as(SampleKey.class))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith(f + ":1: not a valid SampleKey")
          .hasMessageContaining("sampleIndex must not be negative, was -1");
    }
  }

  @Test
  void missingFileIsAClearError() {
    assertThatThrownBy(() -> JsonlReader.open(dir.resolve("none.jsonl")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(dir.resolve("none.jsonl") + ": no such file");
  }

  @Test
  void writerAndReaderRoundTripRecordsWithUnicode() throws Exception {
    Path f = dir.resolve("w/a.jsonl");
    try (JsonlWriter w = JsonlWriter.append(f)) {
      w.write(new SampleKey("题-1", 2, 0));
    }
    try (JsonlReader r = JsonlReader.open(f)) {
      assertThat(r.iterator().next().as(SampleKey.class)).isEqualTo(new SampleKey("题-1", 2, 0));
    }
    assertThat(Files.readString(f)).contains("题-1").endsWith("\n");
  }

  @Test
  void anIoErrorWhileReadingIsAFileAccessExceptionNamingFileAndLine() {
    Path unreadable = Path.of("/proc/self/mem"); // a regular file whose first read fails (EIO)
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(unreadable), "Linux /proc");
    try (JsonlReader r = JsonlReader.open(unreadable)) {
      assertThatThrownBy(() -> r.iterator().hasNext())
          .isInstanceOf(dev.siam4j.core.FileAccessException.class)
          .hasMessage("/proc/self/mem:1: cannot read: Input/output error")
          .satisfies(e -> assertThat(((dev.siam4j.core.FileAccessException) e).file()).isEqualTo(unreadable));
    }
  }
}
