package dev.siam4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} code block of README.md and docs/GUIDE.md is code that a test in this package
 * compiles: each block's lines appear, in order, in {@link ReadmeSnippetTest} (the README) or
 * {@link GuideExamplesTest} (the guide), and each of its imports is one of that file's imports.
 * Lines are compared with their indentation and trailing comments removed; {@code Path.of("...")}
 * in a document stands for any expression in the test, which runs in a temporary folder.
 */
final class DocsCodeBlocksTest {
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```\\s*$");
  private static final Pattern PATH_OF = Pattern.compile("Path\\.of\\(\"[^\"]*\"\\)");

  @Test
  void theReadmesBlockIsTheTestedOne() throws IOException {
    List<String> blocks = javaBlocks(repository().resolve("README.md"));

    assertThat(blocks).hasSize(1);
    assertCompiledBy(blocks.get(0), source("ReadmeSnippetTest.java"), "README.md");
  }

  @Test
  void everyBlockOfTheGuideIsTested() throws IOException {
    List<String> blocks = javaBlocks(repository().resolve("docs/GUIDE.md"));

    assertThat(blocks).hasSizeGreaterThanOrEqualTo(10);
    String source = source("GuideExamplesTest.java");
    for (String block : blocks) {
      assertCompiledBy(block, source, "docs/GUIDE.md");
    }
  }

  @Test
  void aChangedLineIsFound() {
    String source = "import java.nio.file.Path;\nclass X {\n  void f(Path dir) {\n    run(dir.resolve(\"a\"));  // note\n    done();\n  }\n}\n";

    assertCompiledBy("import java.nio.file.Path;\n\nrun(Path.of(\"a\"));\ndone();\n", source, "doc");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> assertCompiledBy("run(Path.of(\"a\"));\nundone();\n", source, "doc"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("undone();");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> assertCompiledBy("import java.util.List;\nrun(Path.of(\"a\"));\n", source, "doc"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("import java.util.List;");
  }

  static void assertCompiledBy(String block, String source, String document) {
    List<String> sourceLines = new ArrayList<>();
    for (String l : source.split("\n")) {
      sourceLines.add(normalize(l));
    }
    int at = 0;
    for (String raw : block.split("\n")) {
      String line = normalize(raw);
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("import ")) {
        assertThat(sourceLines).as(document + ": an import the test does not have").contains(line);
        continue;
      }
      Pattern p = toPattern(line);
      int found = -1;
      for (int i = at; i < sourceLines.size(); i++) {
        if (p.matcher(sourceLines.get(i)).matches()) {
          found = i;
          break;
        }
      }
      assertThat(found).as(document + ": a line not in the test (or out of order): " + line).isNotNegative();
      at = found + 1;
    }
  }

  private static Pattern toPattern(String line) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PATH_OF.matcher(line);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(line.substring(last, m.start()))).append(".+?");
      last = m.end();
    }
    regex.append(Pattern.quote(line.substring(last)));
    return Pattern.compile(regex.toString());
  }

  /** Strips indentation and a trailing {@code //} comment (not one inside a string). */
  static String normalize(String line) {
    String s = line.strip();
    boolean inString = false;
    for (int i = 0; i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (!inString && c == '/' && s.charAt(i + 1) == '/') {
        return s.substring(0, i).strip();
      }
    }
    return s;
  }

  static List<String> javaBlocks(Path markdown) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(markdown));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String source(String name) throws IOException {
    return Files.readString(repository().resolve("examples/src/test/java/dev/siam4j/examples/docs").resolve(name));
  }

  static Path repository() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/BENCHMARKS.md"))) {
      p = p.getParent();
    }
    assertThat(p).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }
}
