package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.train.DjlTokenScorer;
import dev.siam4j.alignment.train.DjlTrainer;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Problem;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.loop.SelfImprovementLoop;
import dev.siam4j.core.loop.Stage;
import dev.siam4j.core.store.RunFolderLockedException;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.sandbox.PythonSandbox;
import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of siam4j's BOM and four modules gets, checked from the outside. */
class ConsumerTest {
  private static final long MAX_CLASSPATH_BYTES = 25_000_000L;
  private static final String VERSION = System.getProperty("consumer.siam4jVersion");
  private static final List<String> MODULES =
      List.of("siam4j-core", "siam4j-sandbox", "siam4j-critic", "siam4j-alignment");

  @TempDir Path dir;

  private static List<Path> runtimeClasspath() throws Exception {
    String text = Files.readString(Path.of(System.getProperty("consumer.runtimeClasspath"))).trim();
    List<Path> jars = new ArrayList<>();
    for (String entry : text.split(File.pathSeparator)) {
      jars.add(Path.of(entry));
    }
    return jars;
  }

  private static List<Problem> problems() {
    return List.of(
        Problem.of("p1", "What is 3 + 4?", "7", "consumer"),
        Problem.of("p2", "What is 10 + 25?", "35", "consumer"),
        Problem.of("p3", "What is 8 + 8?", "16", "consumer"));
  }

  @Test
  void theFourModulesWithoutPyTorchStayWithin25MB() throws Exception {
    long total = 0;
    Map<String, Long> sizes = new TreeMap<>();
    for (Path jar : runtimeClasspath()) {
      long size = Files.size(jar);
      total += size;
      sizes.put(jar.getFileName().toString(), size);
    }
    System.out.println("runtime class path of core+sandbox+critic+alignment: " + total + " bytes in "
        + sizes.size() + " jars " + sizes);
    assertTrue(total <= MAX_CLASSPATH_BYTES, "runtime class path is " + total + " bytes: " + sizes);
    for (String name : sizes.keySet()) {
      assertFalse(name.startsWith("pytorch-") || name.startsWith("api-0."), "PyTorch/DJL on the class path: " + name);
    }
  }

  @Test
  void theBomManagesSiam4jAndTheOptInPyTorchArtifactsOnlyAtTheVersionsSiam4jIsBuiltWith()
      throws Exception {
    Path repo = Path.of(System.getProperty("consumer.localRepository"));
    Document bom = xml(repo.resolve("dev/siam4j/siam4j-bom/" + VERSION + "/siam4j-bom-" + VERSION + ".pom"));
    Document parent =
        xml(repo.resolve("dev/siam4j/siam4j-parent/" + VERSION + "/siam4j-parent-" + VERSION + ".pom"));
    String djl = text(parent, "djl.version");
    String pytorch = text(parent, "pytorch.native.version");
    NodeList managed = bom.getElementsByTagName("dependency");
    assertTrue(managed.getLength() >= 6, "the BOM manages " + managed.getLength() + " artifacts");
    for (int i = 0; i < managed.getLength(); i++) {
      Element d = (Element) managed.item(i);
      String group = text(d, "groupId");
      String artifact = text(d, "artifactId");
      String version = text(d, "version")
          .replace("${siam4j.djl.version}", text(bom, "siam4j.djl.version"))
          .replace("${siam4j.pytorch.native.version}", text(bom, "siam4j.pytorch.native.version"));
      switch (group) {
        case "dev.siam4j" -> assertEquals("${project.version}", version, artifact);
        case "ai.djl", "ai.djl.pytorch" -> assertEquals(
            artifact.equals("pytorch-jni") ? pytorch + "-" + djl
                : artifact.equals("pytorch-native-cpu") ? pytorch : djl,
            version, artifact);
        default -> throw new AssertionError("the BOM manages " + group + ":" + artifact);
      }
    }
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static String text(Document doc, String tag) {
    return doc.getElementsByTagName(tag).item(0).getTextContent().trim();
  }

  private static String text(Element element, String tag) {
    return element.getElementsByTagName(tag).item(0).getTextContent().trim();
  }

  @Test
  void everyJarHasItsModuleNameAndVersionAndASourcesJarBesideIt() throws Exception {
    Path repo = Path.of(System.getProperty("consumer.localRepository"));
    for (String module : MODULES) {
      Path folder = repo.resolve("dev/siam4j/" + module + "/" + VERSION);
      Path jar = folder.resolve(module + "-" + VERSION + ".jar");
      assertTrue(Files.isRegularFile(folder.resolve(module + "-" + VERSION + "-sources.jar")),
          "no sources jar beside " + jar);
      ModuleReference ref = ModuleFinder.of(jar).findAll().iterator().next();
      assertEquals("dev.siam4j." + module.substring("siam4j-".length()), ref.descriptor().name());
      try (var in = new java.util.jar.JarFile(jar.toFile())) {
        assertEquals(VERSION, in.getManifest().getMainAttributes().getValue("Implementation-Version"));
      }
    }
  }

  @Test
  void aLoopOfTheUsersComponentsWithTheRealSandboxAndTheRuleCriticRuns() throws Exception {
    NoteTrainer trainer = new NoteTrainer();
    List<Checkpoint> loaded = new ArrayList<>();
    Checkpoint seed = Checkpoint.of(Files.writeString(dir.resolve("seed.bin"), "seed"));
    LoopResult result;
    try (PythonSandbox sandbox = PythonSandbox.builder().build()) {
      result = SelfImprovementLoop.builder()
          .problems(problems())
          .policy(seed, checkpoint -> {
            loaded.add(checkpoint);
            return new AdditionGenerator();
          })
          .executor(sandbox)
          .critic(Critics.rules(AnswerEquivalence.builder().symbolic(sandbox).build()))
          .preferenceBuilder(PreferenceBuilders.paper())
          .trainer(trainer)
          .trainingPlan(Algorithm.SFT, Algorithm.DPO)
          .samplesPerProblem(4)
          .iterations(2)
          .runFolder(dir.resolve("run"))
          .build()
          .run();
    }
    assertEquals(2, result.iterations().size());
    assertEquals(12, result.iterations().get(0).samples());
    assertEquals(6, result.iterations().get(0).approved(), "the even samples are right");
    assertEquals(4, trainer.jobs().size(), "SFT and DPO in each of two iterations");
    assertEquals(seed, loaded.get(0));
    assertEquals(2, loaded.size(), "the second iteration generates with what the first trained");
    assertEquals(result.finalCheckpoint().orElseThrow().model().getFileName().toString(), "model.bin");
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("run/manifest.json").toFile());
    assertEquals(VERSION, manifest.path("versions").path("siam4j").asText(),
        "the run manifest records the version of the siam4j jars: " + manifest.path("versions"));
  }

  @Test
  void inJvmTrainingWithoutPyTorchSaysWhichArtifactsToAdd() throws Exception {
    Path model = Files.writeString(dir.resolve("seed.gguf"), "not read");
    Path data = Files.writeString(dir.resolve("sft.jsonl"), "");
    TrainingJob job = new TrainingJob(Checkpoint.of(model), data, data, Algorithm.SFT,
        TrainingOptions.DEFAULT, dir.resolve("out"));

    TrainingFailedException e =
        assertThrows(TrainingFailedException.class, () -> DjlTrainer.create().train(job));

    assertTrue(e.getMessage().startsWith("cannot train SFT with DjlTrainer: in-JVM training needs"
        + " PyTorch through DJL, and ai.djl:api, ai.djl.pytorch:pytorch-engine,"
        + " ai.djl.pytorch:pytorch-jni are not on the class path. Add "), e.getMessage());
    assertTrue(e.getMessage().contains("ai.djl.pytorch:pytorch-native-cpu:"), e.getMessage());
    TrainingFailedException scorer =
        assertThrows(TrainingFailedException.class, () -> DjlTokenScorer.open(model));
    assertTrue(scorer.getMessage().startsWith("cannot open " + model + " with DjlTokenScorer: in-JVM"
        + " training needs PyTorch through DJL"), scorer.getMessage());
  }

  @Test
  void aSecondRunOnTheSameFolderIsToldTheFolderIsInUseAndByWhom() throws Exception {
    CountDownLatch generating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Generator held = request -> {
      generating.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new AdditionGenerator().generate(request);
    };
    try (PythonSandbox sandbox = PythonSandbox.builder().build()) {
      SelfImprovementLoop first = loop(held, sandbox);
      SelfImprovementLoop second = loop(new AdditionGenerator(), sandbox);
      CompletableFuture<LoopResult> running = CompletableFuture.supplyAsync(first::run);
      // a guard against a hang, not a speed target
      assertTrue(generating.await(5, TimeUnit.MINUTES), "the first run never generated");

      RunFolderLockedException e = assertThrows(RunFolderLockedException.class, second::run);

      assertTrue(e.getMessage().contains(" is in use by pid " + ProcessHandle.current().pid() + " on host "),
          e.getMessage());
      assertTrue(e.getMessage().contains(" since "), e.getMessage());
      release.countDown();
      assertEquals(6, running.get(5, TimeUnit.MINUTES).iterations().get(0).approved());
    }
  }

  @Test
  void aHungGeneratorFailsTheRunAtItsDeadlineNamingTheStageTheClassAndTheProblem() throws Exception {
    try (PythonSandbox sandbox = PythonSandbox.builder().build()) {
      SelfImprovementLoop loop = builder(new StuckGenerator(), sandbox, sandbox, "stuck")
          .callTimeout(Stage.GENERATE, Duration.ofSeconds(1))
          .build();

      // the outer limit guards against a hang; the loop's own deadline is one second
      Siam4jException e = assertThrows(Siam4jException.class,
          () -> assertTimeoutPreemptively(Duration.ofMinutes(5), loop::run));

      assertTrue(e.getMessage().startsWith("GENERATE failed in iteration 0 at problem p"), e.getMessage());
      assertTrue(e.getMessage().contains(StuckGenerator.class.getName()
          + " did not return within its deadline of PT1S (callTimeout(GENERATE))"), e.getMessage());
    }
  }

  @Test
  void aHungExecutorGivesTimeoutRecordsAtItsDeadlineAndTheRunGoesOn() throws Exception {
    try (PythonSandbox sandbox = PythonSandbox.builder().build()) {
      CodeExecutor hangsOnTheSecondProblem = code -> {
        if (code.contains("10 + 25")) {
          StuckGenerator.waitForInterrupt();
        }
        return sandbox.execute(code);
      };
      LoopResult result = builder(new AdditionGenerator(), hangsOnTheSecondProblem, sandbox, "hung")
          .callTimeout(Stage.EXECUTE, Duration.ofSeconds(2))
          .build()
          .run();

      assertEquals(4L, result.iterations().get(0).outcomes().get(Outcome.TIMEOUT));
      assertEquals(4, result.iterations().get(0).approved(), "p1 and p3's even samples");
    }
  }

  @Test
  void aUserComponentsFailureComesOutAsASiam4jExceptionWithItAsTheCause() throws Exception {
    IllegalStateException diskFull = new IllegalStateException("disk full");
    try (PythonSandbox sandbox = PythonSandbox.builder().build()) {
      SelfImprovementLoop loop = builder(null, sandbox, sandbox, "failing")
          .policy(Checkpoint.of(Files.writeString(dir.resolve("seed.bin"), "seed")),
              checkpoint -> new AdditionGenerator())
          .trainer(job -> {
            throw diskFull;
          })
          .trainingPlan(Algorithm.SFT)
          .build();

      Siam4jException e = assertThrows(Siam4jException.class, loop::run);

      assertSame(diskFull, e.getCause());
      assertTrue(e.getMessage().startsWith("TRAIN failed in iteration 0 at "), e.getMessage());
      assertTrue(e.getMessage().contains("threw java.lang.IllegalStateException: disk full"), e.getMessage());
    }
  }

  /** Never returns until its thread is interrupted: a hung component. */
  static final class StuckGenerator implements Generator {
    @Override
    public List<Completion> generate(GenerationRequest request) {
      waitForInterrupt();
      return List.of();
    }

    static void waitForInterrupt() {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private SelfImprovementLoop loop(Generator generator, PythonSandbox sandbox) {
    return builder(generator, sandbox, sandbox, "shared-run").build();
  }

  /** The loop of the tests; {@code generator} null leaves it to the caller's {@code policy}. */
  private SelfImprovementLoop.Builder builder(
      Generator generator, CodeExecutor executor, PythonSandbox sympy, String folder) {
    SelfImprovementLoop.Builder b = SelfImprovementLoop.builder()
        .problems(problems())
        .executor(executor)
        .critic(Critics.rules(AnswerEquivalence.builder().symbolic(sympy).build()))
        .preferenceBuilder(PreferenceBuilders.paper())
        .samplesPerProblem(4)
        .runFolder(dir.resolve(folder));
    return generator == null ? b : b.generator(generator);
  }
}
