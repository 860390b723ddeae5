package dev.siam4j.examples.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Critic;
import dev.siam4j.core.CritiqueRequest;
import dev.siam4j.core.Execution;
import dev.siam4j.core.Prompt;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.SampleKey;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingOptions;
import dev.siam4j.core.gguf.GgmlType;
import dev.siam4j.core.gguf.LlamaModelSpec;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.llama.LlamaCppGenerator;
import dev.siam4j.core.llama.LlamaCppOptions;
import dev.siam4j.critic.Critics;
import dev.siam4j.critic.equivalence.AnswerEquivalence;
import dev.siam4j.critic.equivalence.Equivalence;
import dev.siam4j.critic.llm.CriticPrompt;
import dev.siam4j.critic.llm.CriticPrompts;
import dev.siam4j.critic.llm.LlmCritic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quickstart's trained critic, in miniature: a tiny llama model trained from scratch on
 * (question, reference, code, output, label) examples built without any model, and used by the
 * cascade for what the answer rules leave UNKNOWN (the paper's trained critic).
 *
 * <p><b>Data</b> ({@link #examples}): for each problem of a split, its reference program run for
 * real (label YES, output as the program prints it), equivalent forms of that answer that a
 * string comparison would reject ({@code "x = 2 or x = -2"} for {@code "2.0 -2.0"}, {@code "0.75"}
 * for {@code "3/4"}, {@code "0.75"} for {@code "75%"}, {@code "12 元"} for {@code "12"}; YES), the
 * reference program with one number or operator changed, run for real (NO when its output's value
 * differs), and wrong forms of the answer (off by one, a wrong or missing root, the wrong
 * bracket, the unconverted unit; NO). A wrong output that the answer rules count as equal (a
 * mutant's 3.5166 against 3.5, which they round) is left out rather than labelled, and so is an
 * example whose prompt is longer than {@link #MAX_PROMPT_TOKENS} words. Per problem as many YES as NO, drawn with a seed.
 *
 * <p><b>Prompt</b> ({@link #PROMPT}): the reference answer, a line feed, the program's output, a
 * line feed; the completion is {@code YES} or {@code NO}. It leaves out the question and the code:
 * the label is a function of reference and output alone, the model has 128 tokens of context,
 * and a model this small, trained for under three minutes, learns the comparison far better
 * without 80 tokens of question and program in between (4 times fewer tokens to train on, too).
 * The question and code stay in the examples ({@link Example}) and in the critique requests.
 *
 * <p><b>Model</b> ({@link #spec()}): llama architecture, 64 wide, 4 layers, 4 heads, feed-forward
 * 192, context 128, F32; the word-level vocabulary of {@link QuickstartModels} plus the critic's
 * words ({@link #CRITIC_WORDS}).
 *
 * <p>Reproduce the shipped model: {@code ./siam4j example quickstart.QuickstartCritic train
 * critic-model.gguf}; measure a model: {@code ./siam4j example quickstart.QuickstartCritic
 * measure critic-model.gguf}.
 */
public final class QuickstartCritic {
  /** The compact raw prompt: reference answer, then the program's output. */
  public static final String PROMPT = "{reference}\n{output}\n";
  /** The words added to the policy's vocabulary for the critic's forms and answers. */
  public static final List<String> CRITIC_WORDS =
      List.of("YES", "NO", " or", "或", " ±", "±", "{", "}", " ≥", " ≤", "≥", "≤", ",", " ,", "，", "%", " %",
          "$", ":", " :", "x", " x", "=", " =", "(", "[", ")", "]", " <", " >", "<", ">", "∞", "+", " +", "/",
          " /", ".", "-", " -", "元");
  /** The seed of the shipped critic model's weights, data and training. */
  public static final long CRITIC_MODEL_SEED = 1;
  /** The epochs the shipped critic model was trained for. */
  public static final int CRITIC_MODEL_EPOCHS = 10;
  /**
   * The size of the seed split the shipped critic model's data is made from (a world of the same
   * seed with this many seed problems): fewer than the policy's seed model trains on, since each
   * gives several critic examples.
   */
  public static final int SEED_PROBLEMS = 400;
  /** YES and NO examples per problem in the shipped model's data (each). */
  public static final int PER_PROBLEM = 3;
  /**
   * The most tokens an example's prompt may have; longer ones (long decimals a mutant prints,
   * 3% of them) are left out: batches are padded to their longest example, and one 60-token
   * example in a batch of 13-token ones doubles the training time.
   */
  public static final int MAX_PROMPT_TOKENS = 32;
  /** Votes per judgement of {@link #load}. */
  public static final int VOTES = 5;

  /**
   * The rules without sympy, to leave out a wrong output that they would count as right (a
   * mutant printing 3.5166 for the reference 3.5, which the rules round): such labels would be
   * disputed.
   */
  private static final AnswerEquivalence RULES = AnswerEquivalence.rules();
  private static final Pattern NUMBER_LITERAL = Pattern.compile("(?<![\\w.])\\d+(?![\\w.])");
  private static final Pattern OPERATOR = Pattern.compile("(?<=\\w|\\)) ([-+*/]) (?=[\\w(])");

  private QuickstartCritic() {}

  /**
   * One critic example with its parts.
   *
   * @param problem the problem
   * @param code the program judged
   * @param output what it printed
   * @param label whether the output is a correct answer
   * @param kind how it was made: {@code reference}, {@code form}, {@code mutant}, {@code wrong-form}
   */
  public record Example(WordProblem problem, String code, String output, boolean label, String kind) {
    /**
     * Validates.
     *
     * @param problem the problem, not null
     * @param code the program, not null
     * @param output its output, not null
     * @param label whether the output is correct
     * @param kind how it was made, not null
     */
    public Example {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(kind, "kind");
    }

    /** @return the critique request of this example: the program ran and printed {@link #output} */
    public CritiqueRequest request() {
      return new CritiqueRequest(
          problem.toProblem(), code, Execution.ok(output + "\n", output, Duration.ZERO));
    }

    /**
     * @param index the example's index within its problem
     * @return the SFT example: {@link #PROMPT} rendered, completion YES or NO
     */
    public SftExample toSft(int index) {
      return new SftExample(
          new SampleKey(problem.id(), index, 0), criticPrompt().render(request()), label ? "YES" : "NO", 1.0);
    }
  }

  /** @return the critic's prompt: {@link #PROMPT} as a raw prompt */
  public static CriticPrompt criticPrompt() {
    return CriticPrompts.raw(PROMPT);
  }

  /**
   * The critic's SFT data for a split: {@link #examples} as prompt/completion pairs.
   *
   * @param world the world
   * @param split which problems (the seed split for training)
   * @param python runs the programs (a {@code PythonSandbox})
   * @param perProblem YES examples and NO examples per problem (each), positive
   * @param seed the seed of which forms and mutations are drawn
   * @return balanced examples, deterministic for the same arguments
   */
  public static List<SftExample> dataset(MathWorld world, Split split, CodeExecutor python, int perProblem, long seed) {
    List<Example> examples = examples(world, split, python, perProblem, seed);
    List<SftExample> out = new ArrayList<>(examples.size());
    String last = null;
    int index = 0;
    for (Example e : examples) {
      index = e.problem().id().equals(last) ? index + 1 : 0;
      last = e.problem().id();
      out.add(e.toSft(index));
    }
    return out;
  }

  /**
   * The critic's examples for a split, built without a model (see the class comment).
   *
   * @param world the world
   * @param split which problems
   * @param python runs the programs
   * @param perProblem YES examples and NO examples per problem (each), positive
   * @param seed the seed of the draws
   * @return per problem (in split order) {@code k} YES then {@code k} NO examples, where {@code k}
   *     is {@code perProblem} or fewer when the problem has fewer forms; so YES and NO are equal
   *     in number
   */
  public static List<Example> examples(MathWorld world, Split split, CodeExecutor python, int perProblem, long seed) {
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(python, "python");
    if (perProblem <= 0) {
      throw new IllegalArgumentException("perProblem must be positive, was " + perProblem);
    }
    List<WordProblem> problems = world.problems(split);
    List<String> programs = new ArrayList<>();
    List<String> mutants = new ArrayList<>();
    for (WordProblem p : problems) {
      String program = p.program().orElseThrow();
      programs.add(program);
      mutants.add(mutate(program, random(seed, p, 1)));
    }
    List<Execution> ran = python.executeAll(programs);
    List<Execution> ranMutants = python.executeAll(mutants);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      WordProblem p = problems.get(i);
      Execution e = ran.get(i);
      if (!e.outcome().isSuccess() || e.answer().isBlank()) {
        throw new IllegalStateException("reference program of " + p.id() + " failed: " + e.outcome() + " " + e.stderr());
      }
      String output = e.answer().strip();
      AnswerForms.Forms forms =
          AnswerForms.of(output, p.answer(), p.category(), p.template(), p.language().equals("zh"));
      Random r = random(seed, p, 2);
      List<Example> yes = new ArrayList<>();
      if (fits(p, output)) {
        yes.add(new Example(p, programs.get(i), output, true, "reference"));
      }
      for (String f : shuffled(forms.equivalent(), r)) {
        if (fits(p, f)) {
          yes.add(new Example(p, printing(f), f, true, "form"));
        }
      }
      List<Example> no = new ArrayList<>();
      Execution m = ranMutants.get(i);
      if (m.outcome().isSuccess() && !m.answer().isBlank()
          && !AnswerForms.valueKey(m.answer()).equals(AnswerForms.valueKey(output))
          && !RULES.compare(p.answer(), m.answer()).result().equals(Equivalence.EQUAL)
          && fits(p, m.answer().strip())) {
        no.add(new Example(p, mutants.get(i), m.answer().strip(), false, "mutant"));
      }
      for (String f : shuffled(forms.wrong(), r)) {
        if (!RULES.compare(p.answer(), f).result().equals(Equivalence.EQUAL) && fits(p, f)) {
          no.add(new Example(p, printing(f), f, false, "wrong-form"));
        }
      }
      int k = Math.min(perProblem, Math.min(yes.size(), no.size()));
      out.addAll(yes.subList(0, k));
      out.addAll(no.subList(0, k));
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether the prompt of this reference and output has at most {@link #MAX_PROMPT_TOKENS} words. */
  private static boolean fits(WordProblem p, String output) {
    return WordTokenizer.tokenize(p.answer() + "\n" + output + "\n").size() <= MAX_PROMPT_TOKENS;
  }

  /** A program that prints {@code text}: the code of a form. */
  private static String printing(String text) {
    try {
      return "print(" + Json.mapper().writeValueAsString(text) + ")\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot quote " + text, e);
    }
  }

  private static List<String> shuffled(List<String> forms, Random r) {
    List<String> out = new ArrayList<>(forms);
    Collections.shuffle(out, r);
    return out;
  }

  private static Random random(long seed, WordProblem p, int stream) {
    return new Random(seed * 1_000_003L + p.id().hashCode() * 31L + stream);
  }

  /**
   * The program with one change: a number literal made one larger or a different digit, or an
   * operator replaced; the last line ({@code print}) is where operators are looked for first.
   *
   * @param program a reference program
   * @param r the draw
   * @return the changed program
   */
  static String mutate(String program, Random r) {
    List<int[]> numbers = spans(NUMBER_LITERAL, program, 0);
    List<int[]> operators = spans(OPERATOR, program, 1);
    boolean changeOperator = !operators.isEmpty() && (numbers.isEmpty() || r.nextBoolean());
    if (changeOperator) {
      int[] s = operators.get(r.nextInt(operators.size()));
      String op = program.substring(s[0], s[1]);
      List<String> others = new ArrayList<>(List.of("+", "-", "*", "/"));
      others.remove(op);
      return program.substring(0, s[0]) + others.get(r.nextInt(others.size())) + program.substring(s[1]);
    }
    if (numbers.isEmpty()) {
      return program + "print(1)\n";
    }
    int[] s = numbers.get(r.nextInt(numbers.size()));
    long v = Long.parseLong(program.substring(s[0], s[1]));
    long changed = r.nextBoolean() ? v + 1 : v + 2 + r.nextInt(8);
    return program.substring(0, s[0]) + changed + program.substring(s[1]);
  }

  private static List<int[]> spans(Pattern pattern, String text, int group) {
    List<int[]> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String line = lineOf(text, m.start());
      if (line.startsWith("import") || line.startsWith("from") || line.contains("** 0.5")) {
        continue;
      }
      out.add(new int[] {m.start(group), m.end(group)});
    }
    return out;
  }

  private static String lineOf(String text, int at) {
    int start = text.lastIndexOf('\n', at - 1) + 1;
    int end = text.indexOf('\n', at);
    return text.substring(start, end < 0 ? text.length() : end).strip();
  }

  /**
   * The pieces added to the byte-level vocabulary: the policy's ({@link
   * QuickstartModels#extraTokens()}) then the critic's words with their prefixes.
   *
   * @return distinct pieces
   */
  public static List<String> extraTokens() {
    Set<String> pieces = new LinkedHashSet<>(QuickstartModels.extraTokens());
    pieces.addAll(QuickstartModels.pieces(CRITIC_WORDS));
    return List.copyOf(pieces);
  }

  /**
   * The critic model's shape: 64 wide, 4 layers, 4 heads, feed-forward 192, context 128, F32.
   *
   * @return the spec
   */
  public static LlamaModelSpec spec() {
    return new LlamaModelSpec(64, 4, 4, 4, 192, 128, GgmlType.F32, extraTokens(), Optional.empty());
  }

  /**
   * The critic's training hyper-parameters: full fine-tuning from scratch.
   *
   * @param epochs passes over the critic's data, positive
   * @param seed the training seed
   * @return the options
   */
  public static TrainingOptions options(int epochs, long seed) {
    return new TrainingOptions(3e-3, epochs, 32, MAX_PROMPT_TOKENS + 2, 0.1, 1.0, 0, seed);
  }

  /**
   * Trains the critic model from scratch: seeded random weights, then full-weight SFT on the
   * seed split's critic data ({@link #dataset}).
   *
   * @param world the world (its seed split is used)
   * @param python runs the reference programs and their mutants
   * @param trainer the trainer (a {@code DjlTrainer})
   * @param options hyper-parameters ({@link #options})
   * @param perProblem YES and NO examples per problem (each)
   * @param folder where the untrained model, data and training output go
   * @return the trained model ({@code folder/sft/model.gguf})
   */
  public static Path train(
      MathWorld world, CodeExecutor python, Trainer trainer, TrainingOptions options, int perProblem, Path folder) {
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(folder, "folder");
    List<SftExample> data = dataset(world, Split.SEED, python, perProblem, options.seed());
    return QuickstartModels.trainFromScratch(
        spec(), data, "critic", "the critic's SFT data", "the critic model", trainer, options, folder);
  }

  /**
   * llama.cpp options for the critic model: one parallel slot per vote, 128 tokens each.
   *
   * @param model the critic GGUF
   * @param threads CPU threads
   * @return the options
   */
  public static LlamaCppOptions llamaOptions(Path model, int threads) {
    return LlamaCppOptions.builder(model).threads(threads).parallelSlots(VOTES).contextSize(128 * VOTES).build();
  }

  /**
   * The model critic: {@link LlmCritic} over a real llama.cpp generator of {@code model}, with
   * {@link #PROMPT}, {@link #VOTES} votes at temperature 0.7 held to YES or NO by
   * {@link LlmCritic#YES_NO_GRAMMAR}; confidence is the share of YES votes.
   *
   * <p>The generator stays loaded for the JVM's life (llama.cpp's binding never frees a model):
   * a program that calls this must end with {@link System#exit}.
   *
   * @param model the critic GGUF (the shipped one: {@link #shippedModel(Path)})
   * @param threads CPU threads for llama.cpp
   * @param seed the votes' base seed
   * @return the critic, thread-safe
   */
  public static Critic load(Path model, int threads, long seed) {
    LlamaCppGenerator generator = LlamaCppGenerator.open(llamaOptions(model, threads));
    return LlmCritic.builder().generator(generator).prompt(criticPrompt()).votes(VOTES).seed(seed).build();
  }

  /**
   * The cascade: the rules decide what they can; the model critic decides what they leave
   * UNKNOWN ({@link Critics#cascade}).
   *
   * @param rules the answer rules (with a symbolic fallback or not)
   * @param model the model critic ({@link #load})
   * @return the cascade, thread-safe
   */
  public static Critic cascade(AnswerEquivalence rules, Critic model) {
    return Critics.cascade(rules, model);
  }

  /**
   * Copies the shipped critic model out of the jar.
   *
   * @param file where to write it
   * @return {@code file}
   */
  public static Path shippedModel(Path file) {
    try (var in = QuickstartCritic.class.getResourceAsStream("critic-model.gguf")) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/siam4j/examples/quickstart/critic-model.gguf");
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new RunStoreException("cannot write the critic model to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code train OUT.gguf [EPOCHS]}: trains the critic model (the shipped one with the defaults)
   * and copies it to OUT.gguf. {@code measure MODEL.gguf}: prints its accuracy on held-out
   * examples from the test splits, beside the rules'. Ends with {@link System#exit}.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    ExampleMain.exit("QuickstartCritic", QuickstartCriticCommand::run, args);
  }
}
