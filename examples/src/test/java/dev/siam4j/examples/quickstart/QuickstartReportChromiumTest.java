package dev.siam4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium} package) and checks what the
 * browser rendered: tables, SVG charts, the inline script's marks, and no script error. Skipped
 * when Chromium is missing, unless {@code -Dsiam4j.requireChromium=true} (the test script sets it),
 * in which case it fails.
 */
final class QuickstartReportChromiumTest {

  @Test
  @Tag("slow")
  void reportRendersItsTablesAndChartsWithoutScriptErrors(@TempDir Path dir) throws Exception {
    Path chromium = chromium();
    QuickstartResults results = SampleResults.of(3, 3);
    Path report = QuickstartReport.write(results, dir.resolve("run"));
    Document source = Jsoup.parse(Files.readString(report));

    Rendered r = render(chromium, dir, report, "--dump-dom");
    Document dom = Jsoup.parse(r.stdout());
    assertThat(dom.selectFirst("html").attr("data-ok")).as(r.stderr()).isEqualTo("true");
    assertThat(dom.selectFirst("html").attr("data-charts")).isEqualTo("9");
    assertThat(dom.selectFirst("html").attr("data-tables")).isEqualTo("10");
    assertThat(dom.select("svg.chart")).hasSize(source.select("svg.chart").size());
    assertThat(dom.select("svg.chart polyline.series")).hasSize(source.select("svg.chart polyline.series").size());
    assertThat(dom.select("table")).hasSize(10);
    assertThat(dom.select("#t-accuracy tbody tr")).hasSize(6);
    assertThat(r.scriptErrors()).isEmpty();

    Path png = dir.resolve("report.png");
    Rendered shot = render(chromium, dir, report, "--screenshot=" + png, "--window-size=1240,1400", "--hide-scrollbars");
    assertThat(shot.scriptErrors()).isEmpty();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  @Tag("slow")
  void aBrokenScriptIsCaught_soTheCheckAboveCanFail(@TempDir Path dir) throws Exception {
    Path chromium = chromium();
    Path page = dir.resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><p>x</p><script>notDefinedAnywhere();"
        + "document.documentElement.setAttribute('data-ok','true');</script></body></html>");
    Rendered r = render(chromium, dir, page, "--dump-dom");
    assertThat(Jsoup.parse(r.stdout()).selectFirst("html").attr("data-ok")).isEmpty();
    assertThat(r.scriptErrors()).anyMatch(l -> l.contains("Uncaught ReferenceError: notDefinedAnywhere"));
  }

  record Rendered(String stdout, String stderr) {
    List<String> scriptErrors() {
      List<String> errors = new ArrayList<>();
      for (String line : stderr.lines().toList()) {
        if (line.contains("Uncaught") || line.contains(":CONSOLE(")) {
          errors.add(line);
        }
      }
      return errors;
    }
  }

  private static Rendered render(Path chromium, Path dir, Path page, String... action)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    List<String> command = new ArrayList<>(List.of(
        chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
    command.addAll(List.of(action));
    command.add(page.toUri().toString());
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("chromium did not finish within 180 s: " + Files.readString(err));
    }
    String stderr = Files.readString(err);
    assertThat(p.exitValue()).as(stderr).isZero();
    return new Rendered(Files.readString(out), stderr);
  }

  @Test
  void missingChromium_failsWhenRequired_skipsOtherwise() {
    assertThatThrownBy(() -> chromiumOrStop(Optional.empty(), true))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("headless Chromium is needed to check the report: install Debian's 'chromium' package")
        .hasMessageEndingWith("(siam4j.requireChromium=true, so this is a failure, not a skip)");
    assertThatThrownBy(() -> chromiumOrStop(Optional.empty(), false)).isInstanceOf(TestAbortedException.class);
    assertThat(chromiumOrStop(Optional.of(Path.of("/x/chromium")), true)).isEqualTo(Path.of("/x/chromium"));
  }

  private static Path chromium() {
    return chromiumOrStop(find(), Boolean.getBoolean("siam4j.requireChromium"));
  }

  private static Path chromiumOrStop(Optional<Path> found, boolean required) {
    if (found.isEmpty()) {
      String message = "headless Chromium is needed to check the report: install Debian's 'chromium' package"
          + " (apt-get install -y chromium); looked for /usr/bin/chromium and chromium or chromium-browser on PATH";
      if (required) {
        fail(message + " (siam4j.requireChromium=true, so this is a failure, not a skip)");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  private static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        candidates.add(Path.of(d, "chromium"));
        candidates.add(Path.of(d, "chromium-browser"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
