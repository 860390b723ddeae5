package dev.siam4j.alignment.train;

/**
 * One optimiser step of a {@link DjlTrainer}, as written to {@code train.jsonl}. Preference fields
 * are NaN for SFT. Rewards are {@code beta * (policy - reference)} summed log-probabilities for
 * objectives with a reference model, and {@code beta * policy / length} for ORPO and SimPO.
 *
 * @param step the optimiser step, from 1
 * @param epoch the epoch, from 0
 * @param loss the batch's loss
 * @param learningRate the learning rate used
 * @param gradNorm the gradient norm before clipping
 * @param chosenLogProb mean summed log-probability of chosen (SFT: target) completions
 * @param rejectedLogProb mean summed log-probability of rejected completions
 * @param rewardChosen mean reward of chosen completions
 * @param rewardRejected mean reward of rejected completions
 * @param rewardMargin mean of reward chosen minus reward rejected
 * @param rewardAccuracy share of pairs whose chosen reward is higher
 * @param chosenLength mean token count of chosen (SFT: target) completions
 * @param rejectedLength mean token count of rejected completions
 * @param tokens tokens processed in the step (prompts included, padding excluded)
 * @param skipped whether the step was skipped, nothing updated, because a gradient held a NaN or an
 *     infinity ({@code gradNorm} is then not finite)
 */
public record StepMetrics(
    int step,
    int epoch,
    double loss,
    double learningRate,
    double gradNorm,
    double chosenLogProb,
    double rejectedLogProb,
    double rewardChosen,
    double rewardRejected,
    double rewardMargin,
    double rewardAccuracy,
    double chosenLength,
    double rejectedLength,
    long tokens,
    boolean skipped) {}
