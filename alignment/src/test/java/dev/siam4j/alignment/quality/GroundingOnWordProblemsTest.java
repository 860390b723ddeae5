package dev.siam4j.alignment.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.siam4j.alignment.fixtures.Judged;
import dev.siam4j.core.Problem;
import org.junit.jupiter.api.Test;

/**
 * Programs written the way models write them for word problems: honest ones pass the grounding
 * and computation checks, ones that hit the answer with invented numbers do not.
 */
final class GroundingOnWordProblemsTest {

  private static boolean grounded(String question, String code) {
    Problem p = Problem.of("p", question, "0", "test");
    return QualityChecks.grounded().accepts(p, Judged.approved(p, 0, code, "0"));
  }

  @Test
  void honestProgramsAreGrounded() {
    assertThat(grounded(
        "Nina sold clips to 48 friends in April, and then half as many clips in May. "
            + "How many clips did she sell altogether in April and May?",
        "april = 48\nmay = april / 2\nprint(int(april + may))")).isTrue();
    assertThat(grounded(
        "Weng earns $12 an hour for babysitting. Yesterday, she did 50 minutes of babysitting. "
            + "How much did she earn?",
        "rate_per_minute = 12 / 60\nprint(rate_per_minute * 50)")).isTrue();
    assertThat(grounded(
        "Betty needs $100 for a wallet. She has only half of the money. Her parents give her $15, "
            + "and her grandparents twice as much as her parents. How much more does she need?",
        "need = 100\nhave = need / 2\nparents = 15\ngrandparents = 2 * parents\n"
            + "print(need - have - parents - grandparents)")).isTrue();
    assertThat(grounded(
        "James writes a 3-page letter to 2 different friends twice a week. How many pages does he "
            + "write a year?",
        "pages_per_week = 3 * 2 * 2\nprint(pages_per_week * 52)")).isTrue();
    assertThat(grounded(
        "A store discounts a $250 jacket by 15 percent. What is the new price?",
        "price = 250\ndiscount = 0.15\nprint(price * (1 - discount))")).isTrue();
    assertThat(grounded(
        "一本书有120页，小明第一天看了全书的1/4，第二天看了30页，还剩多少页？",
        "total = 120\nday1 = total * 1 / 4\nday2 = 30\nprint(total - day1 - day2)")).isTrue();
  }

  @Test
  void inventedNumbersAreNot() {
    assertThat(grounded(
        "Nina sold clips to 48 friends in April, and then half as many clips in May. "
            + "How many clips did she sell altogether?",
        "a = 8\nb = 9\nprint(a * b)")).isFalse();
    assertThat(grounded(
        "A store discounts a $250 jacket by 15 percent. What is the new price?",
        "print(212.5)")).isFalse();
  }
}
