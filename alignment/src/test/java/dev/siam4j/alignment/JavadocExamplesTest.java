package dev.siam4j.alignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.decontamination.Contamination;
import dev.siam4j.alignment.decontamination.Decontaminator;
import dev.siam4j.alignment.export.ExportFormat;
import dev.siam4j.alignment.export.TrainingDataExporter;
import dev.siam4j.alignment.fixtures.Judged;
import dev.siam4j.alignment.preference.PreferenceBuilders;
import dev.siam4j.alignment.preference.RejectedOrder;
import dev.siam4j.alignment.quality.QualityChecks;
import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.Problem;
import dev.siam4j.core.TrainingExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of the package javadoc, compiled and run as written there. */
final class JavadocExamplesTest {
  private static final Problem P = Problem.of("p", "What is 12 plus 30?", "42", "test");

  @Test
  void qualityPolicyExample() {
    QualityPolicy policy = QualityPolicy.builder()
        .drop("execution", QualityChecks.executesAndPrints())
        .drop("length", QualityChecks.lengthBetween(1, 16_384))
        .flag("grounding", QualityChecks.grounded())
        .build();
    assertThat(policy.rules()).hasSize(3);
  }

  @Test
  void preferenceBuildersExample() {
    PreferenceBuilder builder = PreferenceBuilders.builder()
        .minConfidence(0.8)
        .maxPairsPerProblem(2)
        .rejectedOrder(RejectedOrder.CRASH_FIRST)
        .quality(QualityPolicy.strict())
        .seed(7)
        .build();
    TrainingExamples t = builder.build(Judged.problem(P,
        Judged.approved(P, 0, "print(12 + 30)", "42"), Judged.crashed(P, 1, "print(1 / 0)")));
    assertThat(t.sft()).hasSize(1);
    assertThat(t.pairs()).hasSize(1);
  }

  @Test
  void decontaminatorExample() {
    List<Problem> gsm8kTest = List.of(Problem.of("t1",
        "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning.", "9",
        "gsm8k"));
    Problem trainingProblem = Problem.of("x", "Janet's ducks lay 16 eggs per day. She eats "
        + "three for breakfast every morning. How many are left?", "13", "synthetic");
    Decontaminator d = Decontaminator.builder()
        .ngramSize(13)
        .addAll("gsm8k-test", gsm8kTest)
        .build();
    Optional<Contamination> c = d.check(trainingProblem);
    assertThat(c).map(Contamination::evaluationId).contains("t1");
  }

  @Test
  void exporterExample(@TempDir Path dir) throws Exception {
    TrainingExamples examples = PreferenceBuilders.paper().build(Judged.problem(P,
        Judged.approved(P, 0, "print(12 + 30)", "42"), Judged.wrong(P, 1, "print(12)", "12")));
    try (TrainingDataExporter out = TrainingDataExporter.open(ExportFormat.TRL, dir)) {
      examples.sft().forEach(out::write);
      examples.pairs().forEach(out::write);
    }
    assertThat(Files.readAllLines(dir.resolve("sft.jsonl"))).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("preference.jsonl"))).hasSize(1);
  }
}
