package dev.siam4j.core.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Objects;

/**
 * LangChain4j chat request parameters with a sampling seed. {@link LlamaCppChatModel} honours the
 * seed. LangChain4j merges each request's parameters into the model's defaults, so the seed reaches
 * only models whose defaults are of this class; other chat models see the common parameters (give
 * {@link LangChain4jGenerator.Builder#requestParameters} a function to pass a provider's own seed).
 */
public final class SeededChatRequestParameters extends DefaultChatRequestParameters {
  private final Long seed;

  private SeededChatRequestParameters(Builder builder) {
    super(builder);
    this.seed = builder.seed;
  }

  /** @return the seed, or {@code null} when none is set */
  public Long seed() {
    return seed;
  }

  /** @return a builder */
  public static Builder seededBuilder() {
    return new Builder();
  }

  /**
   * @param parameters common parameters
   * @param seed a seed
   * @return the parameters with the seed
   */
  public static SeededChatRequestParameters withSeed(ChatRequestParameters parameters, long seed) {
    Objects.requireNonNull(parameters, "parameters");
    return seededBuilder().overrideWith(parameters).seed(seed).build();
  }

  @Override
  public ChatRequestParameters overrideWith(ChatRequestParameters that) {
    return seededBuilder().overrideWith(this).overrideWith(that).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeededChatRequestParameters
        && super.equals(o)
        && Objects.equals(seed, ((SeededChatRequestParameters) o).seed);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Objects.hashCode(seed);
  }

  @Override
  public String toString() {
    return "SeededChatRequestParameters{seed=" + seed + ", " + super.toString() + "}";
  }

  /** Builds {@link SeededChatRequestParameters}. */
  public static final class Builder extends DefaultChatRequestParameters.Builder<Builder> {
    private Long seed;

    private Builder() {}

    /** Takes the other parameters' values where set, and their seed when they have one. */
    @Override
    public Builder overrideWith(ChatRequestParameters parameters) {
      super.overrideWith(parameters);
      if (parameters instanceof SeededChatRequestParameters
          && ((SeededChatRequestParameters) parameters).seed() != null) {
        seed = ((SeededChatRequestParameters) parameters).seed();
      }
      return this;
    }

    /**
     * @param value the seed, or {@code null}
     * @return this builder with a seed, or {@code null} for none
     */
    public Builder seed(Long value) {
      this.seed = value;
      return this;
    }

    @Override
    public SeededChatRequestParameters build() {
      return new SeededChatRequestParameters(this);
    }
  }
}
