package dev.siam4j.alignment.train.internal;

import dev.siam4j.alignment.train.AdamWOptions;
import dev.siam4j.alignment.train.PromptRenderer;
import dev.siam4j.alignment.train.TrainingStepListener;
import dev.siam4j.alignment.train.tokenizer.Tokenizer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code DjlTrainer}'s configuration, defaults filled in, as the training run reads it.
 *
 * @param loraTargets adapted layers
 * @param loraAlphaPerRank LoRA's alpha over its rank
 * @param warmupFraction share of the steps spent warming up
 * @param minLearningRateRatio the cosine schedule's floor, as a share of the peak
 * @param adam the optimiser's hyper-parameters
 * @param microBatchSize examples per forward pass, 0 for the whole batch
 * @param simpoGamma SimPO's target margin
 * @param mergeAdapter whether LoRA's result is written merged into the model
 * @param saveEverySteps steps between resumable checkpoints, 0 for only at the end
 * @param renderer how prompts become text
 * @param listener hears every step
 * @param tokenizer the tokenizer, when not the GGUF's own
 */
public record TrainerSettings(
    Set<String> loraTargets,
    double loraAlphaPerRank,
    double warmupFraction,
    double minLearningRateRatio,
    AdamWOptions adam,
    int microBatchSize,
    double simpoGamma,
    boolean mergeAdapter,
    int saveEverySteps,
    PromptRenderer renderer,
    TrainingStepListener listener,
    Optional<Tokenizer> tokenizer) {

  /** Checks for nulls and copies. */
  public TrainerSettings {
    loraTargets = Set.copyOf(Objects.requireNonNull(loraTargets, "loraTargets"));
    Objects.requireNonNull(adam, "adam");
    Objects.requireNonNull(renderer, "renderer");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }
}
