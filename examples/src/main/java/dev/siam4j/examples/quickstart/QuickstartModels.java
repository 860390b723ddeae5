package dev.siam4j.examples.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.siam4j.core.Algorithm;
import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Generator;
import dev.siam4j.core.Problem;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SamplingOptions;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.extraction.CodeExtractors;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.prompts.PromptTemplate;
import dev.siam4j.core.prompts.PromptTemplates;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.evaluation.Evaluator;
import dev.siam4j.critic.evaluation.ScoredSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The quickstart's tiny policy: a llama-architecture model of about a million weights with a
 * word-level vocabulary made from {@link MathWorld#vocabulary()}, its compact prompt, and the
 * recipe that trains the seed model from scratch on the seed split (the paper's seed model, in
 * miniature).
 *
 * <p>The vocabulary is SentencePiece's ("llama" in GGUF, what llama.cpp and the JVM trainer both
 * read): each word of the world becomes a piece ({@code "▁apples"} for {@code " apples"}), scored
 * by its length so the whole word wins, with every prefix of it as a lower-scored piece, because
 * SentencePiece joins two pieces only when the joined text is itself a piece. Line feeds and
 * anything else fall back to byte pieces.
 *
 * <p>Prompt: the question, a line feed and an opening {@code ```python} fence; the model continues
 * with the program and closes the fence, where generation stops.
 */
public final class QuickstartModels {
  /** The compact raw prompt: the question, then an opening fence. */
  public static final String PROMPT = "{question}\n```python\n";
  /** What ends a completion: the closing fence (a stop string while sampling). */
  public static final String CLOSE = "```";

  /** The seed of the seed model's initial weights and training (the shipped model's). */
  public static final long SEED_MODEL_SEED = 1;
  /** The epochs the shipped seed model was trained for. */
  public static final int SEED_MODEL_EPOCHS = 10;

  private QuickstartModels() {}

  /** @return the compact raw prompt template ({@link #PROMPT}) */
  public static PromptTemplate promptTemplate() {
    return PromptTemplates.raw(PROMPT);
  }

  /**
   * The pieces added to the byte-level vocabulary: every token of {@link MathWorld#vocabulary()}
   * with its spaces as {@code ▁}, every prefix of each, and the prompt's fence and {@code python}.
   *
   * @return distinct pieces, shortest prefixes first within each word
   */
  public static List<String> extraTokens() {
    Set<String> words = new LinkedHashSet<>(MathWorld.vocabulary());
    words.add(CLOSE);
    words.add("python");
    return pieces(words);
  }

  /**
   * The pieces of words: each word with its spaces as {@code ▁} and every prefix of it; words
   * with a line feed, carriage return or tab are left out (they fall back to byte pieces).
   *
   * @param words words as {@link WordTokenizer} makes them
   * @return distinct pieces, shortest prefixes first within each word
   */
  static List<String> pieces(java.util.Collection<String> words) {
    Set<String> pieces = new LinkedHashSet<>();
    for (String w : words) {
      if (w.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      String s = w.replace(' ', '\u2581');
      int i = 0;
      while (i < s.length()) {
        i += Character.charCount(s.codePointAt(i));
        String prefix = s.substring(0, i);
        if (!prefix.equals("\u2581")) {
          pieces.add(prefix);
        }
      }
    }
    return List.copyOf(pieces);
  }

  /**
   * The model's shape: 96 wide, 4 layers, 4 heads, feed-forward 256, context 256, F32.
   *
   * @return the spec
   */
  public static LlamaModelSpec spec() {
    return new LlamaModelSpec(96, 4, 4, 4, 256, 256, GgmlType.F32, extraTokens(), Optional.empty());
  }

  /**
   * Writes the untrained model: seeded random weights.
   *
   * @param seed the weights' seed
   * @param file where to write
   * @return {@code file}
   */
  public static Path writeUntrained(long seed, Path file) {
    return LlamaModelFactory.writeRandom(spec(), seed, file);
  }

  /**
   * The SFT example of a problem with a reference program: prompt, then the program and the
   * closing fence.
   *
   * @param problem a problem with a program
   * @param prompt the prompt template
   * @return the example
   */
  public static SftExample seedExample(WordProblem problem, PromptTemplate prompt) {
    Objects.requireNonNull(problem, "problem");
    Prompt p = prompt.render(problem.toProblem());
    return new SftExample(
        new SampleKey(problem.id(), 0, 0), p, problem.program().orElseThrow() + CLOSE, 1.0);
  }

  /**
   * The seed model's training hyper-parameters: full fine-tuning.
   *
   * @param epochs passes over the seed data, positive
   * @param seed the training seed
   * @return the options
   */
  public static TrainingOptions seedOptions(int epochs, long seed) {
    return new TrainingOptions(3e-3, epochs, 16, 192, 0.1, 1.0, 0, seed);
  }

  /**
   * Trains the seed model from scratch: random weights, then full-weight SFT on the seed split's
   * reference programs.
   *
   * @param seedSplit problems with programs
   * @param trainer the trainer (a {@code DjlTrainer})
   * @param options hyper-parameters, full fine-tuning ({@code loraRank} 0)
   * @param folder where the untrained model, data and training output go
   * @return the trained model ({@code folder/sft/model.gguf})
   */
  public static Path trainSeed(List<WordProblem> seedSplit, Trainer trainer, TrainingOptions options, Path folder) {
    Objects.requireNonNull(seedSplit, "seedSplit");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(folder, "folder");
    PromptTemplate prompt = promptTemplate();
    List<SftExample> data = new ArrayList<>(seedSplit.size());
    for (WordProblem p : seedSplit) {
      data.add(seedExample(p, prompt));
    }
    return trainFromScratch(spec(), data, "seed", "the seed SFT data", "the seed model", trainer, options, folder);
  }

  /**
   * Trains a model from scratch: seeded random weights of {@code spec} ({@code options.seed()}),
   * then full-weight SFT on {@code data}, written to {@code folder/NAME-sft.jsonl} (and an empty
   * {@code NAME-pairs.jsonl}). What the seed model and the critic model share.
   *
   * @param what the data and the model as error messages name them
   * @return the trained model ({@code folder/sft/model.gguf})
   */
  static Path trainFromScratch(
      LlamaModelSpec spec, List<SftExample> data, String name, String whatData, String whatModel, Trainer trainer,
      TrainingOptions options, Path folder) {
    try {
      Files.createDirectories(folder);
      Path untrained = LlamaModelFactory.writeRandom(spec, options.seed(), folder.resolve("untrained.gguf"));
      StringBuilder sft = new StringBuilder();
      for (SftExample e : data) {
        sft.append(Json.mapper().writeValueAsString(e)).append('\n');
      }
      Path sftFile = Files.writeString(folder.resolve(name + "-sft.jsonl"), sft, StandardCharsets.UTF_8);
      Path pairs = Files.writeString(folder.resolve(name + "-pairs.jsonl"), "", StandardCharsets.UTF_8);
      TrainingResult r =
          trainer.train(
              new TrainingJob(Checkpoint.of(untrained), sftFile, pairs, Algorithm.SFT, options, folder.resolve("sft")));
      return r.checkpoint().model();
    } catch (JsonProcessingException e) {
      throw new RunStoreException("cannot write " + whatData + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RunStoreException("cannot write " + whatModel + "'s files in " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Samples and rule-judges a model on problems: {@code k} programs a problem at {@code
   * temperature} (top-p 0.95, 96 tokens, sampling seed 1), each run in {@code executor}.
   */
  static List<ScoredSample> sampleAndJudge(
      Generator generator, CodeExecutor executor, List<WordProblem> problems, int k, double temperature) {
    return Evaluator.builder()
        .generator(generator)
        .executor(executor)
        .prompt(promptTemplate())
        .codeExtractor(CodeExtractors.defaultExtractor())
        .samplesPerProblem(k)
        .sampling(new SamplingOptions(temperature, 0.95, 0, 96, List.of(CLOSE)))
        .seed(1)
        .rules(AnswerEquivalence.rules())
        .critic(Critics.rules())
        .build()
        .evaluate(toProblems(problems))
        .samples();
  }

  /** @return the problems of a split as the loop reads them */
  static List<Problem> toProblems(List<WordProblem> problems) {
    List<Problem> out = new ArrayList<>(problems.size());
    for (WordProblem p : problems) {
      out.add(p.toProblem());
    }
    return out;
  }

  /**
   * {@code measure MODEL.gguf [K]}, or {@code types MODEL.gguf [K [N [OUT.jsonl]]]} for pass@k
   * (k up to 64) per reachable and new problem type: prints a policy model's pass@1 and pass@K on the quickstart's
   * test splits and pool, per split and per template (to see which skills a seed model has, before
   * a loop runs on it). Ends with {@link System#exit}.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    ExampleMain.exit("QuickstartModels", SeedModelCommand::run, args);
  }
}
