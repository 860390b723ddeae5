package dev.siam4j.critic.evaluation;

/**
 * Scores of one split (all problems, or one source).
 *
 * @param problems how many problems
 * @param samples how many samples in all
 * @param rules scores when the rules judge (UNKNOWN counts as wrong)
 * @param critic scores when the critic judges
 * @param agreement how rules and critic judged the same samples
 */
public record Metrics(int problems, int samples, Scores rules, Scores critic, Agreement agreement) {

  /**
   * Scores under one judge.
   *
   * @param accuracy share of problems whose first sample is correct
   * @param passAt1 mean over problems of the share of correct samples (unbiased pass@1 from k
   *     samples)
   * @param majAtK share of problems whose most frequent answer (grouped by rule equivalence;
   *     failed runs do not vote; ties to the earliest) is correct
   */
  public record Scores(double accuracy, double passAt1, double majAtK) {}

  /**
   * The agreement matrix of rules (rows: YES, NO, UNKNOWN) against the critic (columns: YES, NO),
   * counted over samples.
   */
  public record Agreement(
      int rulesYesCriticYes,
      int rulesYesCriticNo,
      int rulesNoCriticYes,
      int rulesNoCriticNo,
      int rulesUnknownCriticYes,
      int rulesUnknownCriticNo) {

    /** @return the share of samples the rules decided on which the critic agrees; 1 when none */
    public double agreementRate() {
      int decided = rulesYesCriticYes + rulesYesCriticNo + rulesNoCriticYes + rulesNoCriticNo;
      return decided == 0 ? 1.0 : (double) (rulesYesCriticYes + rulesNoCriticNo) / decided;
    }
  }
}
