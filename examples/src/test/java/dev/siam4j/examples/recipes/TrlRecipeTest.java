package dev.siam4j.examples.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.command.CommandTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TRL recipe cannot run here (no TRL on these machines): check what can be checked, that the
 * script compiles, reads siam4j's pairs, and that the README's command template is one that
 * {@link CommandTrainer}'s builder accepts.
 */
final class TrlRecipeTest {
  private static final Path RECIPE = locate();

  private static Path locate() {
    Path p = Path.of("recipes/trl-dpo-nll");
    return Files.isDirectory(p) ? p : Path.of("examples/recipes/trl-dpo-nll");
  }

  @Test
  void scriptCompilesAndReadsSiam4jPairs(@TempDir Path dir) throws Exception {
    Path pairs = Files.writeString(dir.resolve("pairs.jsonl"),
        "{\"chosenKey\":{\"problemId\":\"p\",\"sampleIndex\":0,\"iteration\":0},"
            + "\"rejectedKey\":{\"problemId\":\"p\",\"sampleIndex\":1,\"iteration\":0},"
            + "\"prompt\":{\"text\":\"Q: 2+2?\",\"messages\":[]},\"chosen\":\"print(4)\",\"rejected\":\"print(5)\"}\n"
            + "{\"prompt\":{\"text\":\"\",\"messages\":[{\"role\":\"USER\",\"content\":\"题\"}]},"
            + "\"chosen\":\"a\",\"rejected\":\"b\"}\n");
    String program = "import importlib.util, json, sys\n"
        + "spec = importlib.util.spec_from_file_location('r', sys.argv[1])\n"
        + "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        + "print(json.dumps(m.load_pairs(sys.argv[2]), ensure_ascii=False))\n";
    Process p = new ProcessBuilder("python3", "-c", program,
            RECIPE.resolve("train_dpo_nll.py").toString(), pairs.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.strip()).isEqualTo(
        "[{\"prompt\": \"Q: 2+2?\", \"chosen\": \"print(4)\", \"rejected\": \"print(5)\"}, "
            + "{\"prompt\": \"题\", \"chosen\": \"a\", \"rejected\": \"b\"}]");
  }

  @Test
  void readmeCommandUsesOnlyKnownPlaceholdersAndBuilds() throws Exception {
    String readme = Files.readString(RECIPE.resolve("README.md"));
    Matcher block = Pattern.compile("List\\.of\\((.*?)\\)\\)", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).isTrue();
    List<String> args = new ArrayList<>();
    Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(block.group(1));
    while (quoted.find()) {
      args.add(quoted.group(1));
    }
    assertThat(args).contains("{pairs}", "{output}", "{nll_weight}", "{lora_rank}", "{beta}");
    Matcher ph = Pattern.compile("\\{([a-z_]+)}").matcher(String.join(" ", args));
    while (ph.find()) {
      assertThat(CommandTrainer.PLACEHOLDERS).contains(ph.group(1));
    }
    assertThat(CommandTrainer.builder().command(args).build()).isNotNull();
  }
}
