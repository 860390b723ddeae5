package dev.siam4j.alignment.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.siam4j.alignment.fixtures.Judged;
import dev.siam4j.core.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class QualityPolicyTest {
  private static final Problem APPLES =
      Problem.of("apples", "A shop has 200 apples and sells 80% of them. How many are sold?",
          "160", "test");

  @Test
  void paper_dropsFailedExecutionAndFlagsLiteralAndUngroundedPrograms() {
    QualityPolicy paper = QualityPolicy.paper();
    assertThat(paper.toString()).isEqualTo(
        "QualityPolicy[execution=DROP, length=DROP, literal-only=FLAG, grounding=FLAG]");
    assertThat(paper.assess(APPLES, Judged.approved(APPLES, 0, "print(200*0.8)", "160")))
        .isEqualTo(QualityAssessment.CLEAN);
    QualityAssessment literal = paper.assess(APPLES, Judged.approved(APPLES, 0, "print(160)", "160"));
    assertThat(literal.kept()).isTrue();
    assertThat(literal.flags()).containsExactly("literal-only", "grounding");
    QualityAssessment crashed = paper.assess(APPLES, Judged.crashed(APPLES, 0, "print(1/0)"));
    assertThat(crashed.droppedBy()).contains("execution");
    assertThat(crashed.kept()).isFalse();
  }

  @Test
  void strict_dropsUngroundedPrograms() {
    QualityAssessment a =
        QualityPolicy.strict().assess(APPLES, Judged.approved(APPLES, 0, "a=20;b=8;print(a*b)", "160"));
    assertThat(a.droppedBy()).contains("grounding");
  }

  @Test
  void rulesAreSwitchable() {
    QualityPolicy p = QualityPolicy.paper().without("grounding")
        .withAction("literal-only", QualityRule.Action.DROP);
    assertThat(p.toString()).isEqualTo("QualityPolicy[execution=DROP, length=DROP, literal-only=DROP]");
    assertThat(p.assess(APPLES, Judged.approved(APPLES, 0, "print(160)", "160")).droppedBy())
        .contains("literal-only");
    assertThat(QualityPolicy.none().assess(APPLES, Judged.crashed(APPLES, 0, "1/0")).kept()).isTrue();
    assertThatThrownBy(() -> p.without("grounding"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no quality rule named 'grounding'");
  }

  @Test
  void assess_stopsAtTheFirstDroppingRuleAndKeepsEarlierFlags() {
    QualityPolicy p = QualityPolicy.builder()
        .flag("first", (problem, s) -> false)
        .drop("second", (problem, s) -> false)
        .flag("third", (problem, s) -> false)
        .build();
    assertThat(p.assess(APPLES, Judged.approved(APPLES, 0, "print(1)", "1")))
        .isEqualTo(new QualityAssessment(Optional.of("second"), List.of("first")));
  }

  @Test
  void builder_rejectsARuleAddedTwiceAndBadNames() {
    QualityPolicy.Builder b = QualityPolicy.builder().drop("length", QualityChecks.lengthBetween(1, 2));
    assertThatThrownBy(() -> b.flag("length", QualityChecks.lengthBetween(1, 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("quality rule 'length' was already added as DROP");
    assertThatThrownBy(() -> b.flag("Bad Name", QualityChecks.computes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be lower-case letters, digits and dashes, was 'Bad Name'");
  }
}
