package dev.siam4j.alignment.preference;

import dev.siam4j.alignment.quality.QualityPolicy;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.contract.PreferenceBuilderContract;
import org.junit.jupiter.api.Nested;

/** The core contract, for the paper builder and for a strict, tightly capped variant. */
final class PaperPreferenceBuilderContractTest implements PreferenceBuilderContract {

  @Override
  public PreferenceBuilder builder() {
    return PreferenceBuilders.paper();
  }

  @Nested
  final class Strict implements PreferenceBuilderContract {
    @Override
    public PreferenceBuilder builder() {
      return PreferenceBuilders.builder().quality(QualityPolicy.strict())
          .maxSftPerProblem(1).maxPairsPerProblem(1).rejectedOrder(RejectedOrder.CRASH_FIRST)
          .seed(99).build();
    }
  }
}
