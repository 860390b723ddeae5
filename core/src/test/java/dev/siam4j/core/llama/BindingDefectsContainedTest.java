package dev.siam4j.core.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.core.ChatMessage;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.gguf.GgufFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each defect of de.kherud:llama 4.2.0 listed in the issue, and the test that shows it contained. */
final class BindingDefectsContainedTest {
  @TempDir Path dir;

  @Test
  void setNProbsIsNeverCalled_itAbortsTheJvm() {
    for (SamplingOptions s :
        List.of(SamplingOptions.DEFAULT, SamplingOptions.GREEDY, SamplingOptions.DEFAULT.withStop(List.of("\n")))) {
      String raw = LlamaCppArgs.inference(Prompt.raw("x"), s, 1).toString();
      String chat = LlamaCppArgs.inference(Prompt.chat(ChatMessage.user("x")), s, 1).toString();
      assertThat(raw).doesNotContain("n_probs");
      assertThat(chat).doesNotContain("n_probs");
    }
  }

  @Test
  void closeFreesNothing_soEqualOptionsShareOneNativeModel() {
    LlamaCppOptions options = TestModels.options().build();
    LlamaCppGenerator a = LlamaCppGenerator.open(options);
    a.close();
    int loaded = NativeModels.loadedCount();
    // A relative spelling of the same file is the same model.
    Path relative = Path.of("").toAbsolutePath().relativize(options.model());
    LlamaCppGenerator b = LlamaCppGenerator.open(options.toBuilder().model(relative).build());
    assertThat(b.nativeModel()).isSameAs(a.nativeModel());
    assertThat(NativeModels.loadedCount()).isEqualTo(loaded);
  }

  @Test
  void aLoadedModelKeepsANonDaemonNativeThread_soProgramsExitExplicitly() {
    LlamaCppGenerator.open(TestModels.options().build());
    Set<String> nonDaemon =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !t.isDaemon() && t.isAlive())
            .map(Thread::getName)
            .collect(Collectors.toSet());
    // The binding's server loop is attached as a plain "Thread-N"; our slot threads are daemons.
    assertThat(nonDaemon).anyMatch(n -> n.startsWith("Thread-"));
    assertThat(nonDaemon).noneMatch(n -> n.startsWith("siam4j-llama-"));
  }

  @Test
  void theLoaderDeletesLlamaFilesInTmpdir_soItIsPointedAtAPrivateFolder() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path keep1 = Files.writeString(tmp.resolve("llama-user-data.txt"), "mine");
    Path keep2 = Files.writeString(tmp.resolve("jllama-notes.txt"), "mine");

    String out = runChild("guarded", tmp);

    assertThat(keep1).exists();
    assertThat(keep2).exists();
    // We extract the library ourselves: the binding's "Extracted ..." line never reaches stdout.
    assertThat(out).doesNotContain("Extracted");
  }

  @Test
  @Tag("slow")
  void withoutTheGuardTheLoaderDoesDeleteThem_theControl() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path victim = Files.writeString(tmp.resolve("llama-user-data.txt"), "mine");

    runChild("raw", tmp);

    assertThat(victim).doesNotExist();
  }

  private String runChild(String mode, Path tmp) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve(mode + ".log");
    Process p =
        new ProcessBuilder(
                java,
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                LoadModelMain.class.getName(),
                mode,
                TestModels.tiny().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish: " + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void invalidOptionsFailBeforeTheNativeLoad_itWouldReturnSilentlyAndCrashLater() throws IOException {
    assertThatThrownBy(() -> TestModels.options().contextSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contextSize must be positive, was 0");
    assertThatThrownBy(() -> TestModels.options().contextSize(64).parallelSlots(4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contextSize 64 leaves fewer than 32 tokens to each of 4 parallel slots");
    assertThatThrownBy(() -> TestModels.options().seed(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seed must be in [0, 2^32), was -1");

    Path missing = dir.resolve("missing.gguf");
    assertThatThrownBy(() -> LlamaCppGenerator.open(TestModels.options().model(missing).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(missing + ": the model file does not exist");

    Path garbage = Files.writeString(dir.resolve("garbage.gguf"), "not a model at all");
    assertThatThrownBy(() -> LlamaCppGenerator.open(TestModels.options().model(garbage).build()))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageStartingWith(garbage + ": not a GGUF file");

    // A model is not an adapter.
    assertThatThrownBy(() -> LlamaCppGenerator.open(TestModels.options().loraAdapter(TestModels.tiny()).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(TestModels.tiny() + ": not a LoRA adapter (needs general.type = adapter and adapter.type = lora)");
  }

  @Test
  void addLoraScaledAdapterIsNeverUsed_oneAdapterAtItsFilesAlpha() {
    LlamaCppOptions o = TestModels.options().loraAdapter(Path.of("/models/a.gguf")).build();
    String args = LlamaCppArgs.model(o, false).toString();
    assertThat(args).contains("--lora /models/a.gguf").doesNotContain("--lora-scaled");
  }

  @Test
  void llamaCppLogsToStderrUnlessDisabled_soItIsAlwaysDisabled() {
    String cpu = LlamaCppArgs.model(TestModels.options().gpuLayers(GpuLayers.all()).build(), false).toString();
    assertThat(cpu).contains("--log-disable");
    // A CPU-only build prints warnings for any --gpu-layers, so none is passed there.
    assertThat(cpu).doesNotContain("--gpu-layers");
    String gpu = LlamaCppArgs.model(TestModels.options().build(), true).toString();
    assertThat(gpu).contains("--gpu-layers 999").contains("--log-disable");
    String none = LlamaCppArgs.model(TestModels.options().gpuLayers(GpuLayers.none()).build(), true).toString();
    assertThat(none).doesNotContain("--gpu-layers");
  }

  @Test
  void onTwoCoresOneThreadIsTheDefault() {
    assertThat(LlamaCppOptions.defaultThreads(1)).isEqualTo(1);
    assertThat(LlamaCppOptions.defaultThreads(2)).isEqualTo(1);
    assertThat(LlamaCppOptions.defaultThreads(16)).isEqualTo(8);
  }

  @Test
  void autoOffloadsAllLayersExactlyWhenTheBuildSupportsIt() {
    // The default jar bundles CPU natives (no offload); the cuda profile's natives support it.
    boolean supported = LlamaCpp.gpuOffloadSupported();
    assertThat(LlamaCppGenerator.open(TestModels.options().build()).gpuOffload()).isEqualTo(supported);
    assertThat(GpuLayers.auto().resolve(true)).isEqualTo(999);
    assertThat(GpuLayers.auto().resolve(false)).isZero();
    assertThat(GpuLayers.of(3).resolve(true)).isEqualTo(3);
    assertThat(GpuLayers.none().resolve(true)).isZero();
  }
}
