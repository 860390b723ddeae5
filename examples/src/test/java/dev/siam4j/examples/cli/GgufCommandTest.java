package dev.siam4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.GgufValue;
import dev.siam4j.core.gguf.GgufWriter;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.jsonl.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GgufCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void inspectPrintsMetadataAndTensors() {
    Path model = LlamaModelFactory.writeRandom(LlamaModelSpec.tiny(), 1, dir.resolve("tiny.gguf"));

    assertThat(run("gguf", "inspect", model.toString())).isZero();

    String text = out.toString();
    assertThat(text).startsWith(model + ": GGUF v3, 23 metadata entries, 21 tensors, alignment 32, data at byte ");
    assertThat(text).contains("  general.architecture = \"llama\" (STRING)");
    assertThat(text).contains("  llama.block_count = 2 (UINT32)");
    assertThat(text).contains("  tokenizer.ggml.tokens = [STRING x 260: \"<unk>\", \"<s>\", \"</s>\", \"<0x00>\"");
    assertThat(text).containsPattern("  blk\\.0\\.attn_k\\.weight +F32 +\\[64, 32\\] +offset \\d+, 8192 bytes");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void jsonWritesOneLinePerHeaderEntryAndTensor() throws Exception {
    Path file =
        GgufWriter.create()
            .put("big", GgufValue.uint64(-1L))
            .put("list", GgufValue.array(dev.siam4j.core.gguf.GgufValueType.INT32, List.of(1, 2, 3)))
            .addTensor("w", GgmlType.Q8_0, List.of(32L, 2L), new float[64])
            .write(dir.resolve("small.gguf"));
    Path jsonl = dir.resolve("out.jsonl");

    assertThat(run("gguf", "inspect", "--json", "--array-limit", "2", "--output", jsonl.toString(), file.toString())).isZero();

    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize(4);
    JsonNode header = Json.mapper().readTree(lines.get(0));
    assertThat(header.get("kind").asText()).isEqualTo("header");
    assertThat(header.get("tensorCount").asInt()).isEqualTo(1);
    assertThat(Json.mapper().readTree(lines.get(1)).get("value").bigIntegerValue().toString()).isEqualTo("18446744073709551615");
    JsonNode list = Json.mapper().readTree(lines.get(2));
    assertThat(list.get("count").asInt()).isEqualTo(3);
    assertThat(list.get("values").toString()).isEqualTo("[1,2]");
    assertThat(list.get("truncated").asBoolean()).isTrue();
    JsonNode tensor = Json.mapper().readTree(lines.get(3));
    assertThat(tensor.get("type").asText()).isEqualTo("Q8_0");
    assertThat(tensor.get("shape").toString()).isEqualTo("[32,2]");
    assertThat(tensor.get("bytes").asLong()).isEqualTo(68);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingOrDamagedFileIsAUsageError() throws Exception {
    assertThat(run("gguf", "inspect", dir.resolve("none.gguf").toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("siam4j: no such file: " + dir.resolve("none.gguf") + System.lineSeparator());

    Path bad = Files.writeString(dir.resolve("bad.gguf"), "GGUF but not really");
    StringWriter err2 = new StringWriter();
    int code = Siam4jCli.execute(new PrintWriter(out), new PrintWriter(err2), "gguf", "inspect", bad.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err2.toString()).startsWith("siam4j: " + bad + ": ").contains("at byte");
  }

  @Test
  void ggufWithoutSubcommandIsAUsageError() {
    assertThat(run("gguf")).isEqualTo(2);
    assertThat(err.toString()).contains("a subcommand is required (inspect)");
  }
}
