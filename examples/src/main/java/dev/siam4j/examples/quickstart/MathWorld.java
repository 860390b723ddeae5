package dev.siam4j.examples.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siam4j.core.InvalidInputException;
import dev.siam4j.core.RunStoreException;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.core.jsonl.JsonlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded world of English and Chinese math word problems, bundled as code: arithmetic,
 * fractions, percentages, ratios, unit conversion, linear equations, systems of two equations,
 * quadratics, inequalities and counting. Reference answers come in the forms people write
 * ({@code "x = 2 or x = -2"}, {@code "(1, 3]"}, {@code "3/4"}, {@code "75%"}, {@code "12 元"});
 * every problem has a reference program, Python that computes the answer from the question's own
 * numbers and prints it.
 *
 * <p>Four splits: {@link Split#SEED} (seed templates, with programs; by default half in Chinese,
 * see {@link Recipe}), {@link Split#POOL} (all groups, question and answer only: by default 30%
 * seed templates, 40% paraphrases, 30% new types, and as many {@link Group#REACHABLE} problems as
 * the recipe asks for; a template that runs out of new questions in a large pool or seed split
 * gives its share to the others),
 * {@link Split#TEST_ID} (seed templates) and {@link Split#TEST_OOD} (paraphrase, new and
 * reachable templates, a third each). No question appears twice across the splits. The test splits are drawn
 * first, so changing the seed or pool size leaves them as they are. The same seed and sizes give
 * the same problems and byte-identical files.
 *
 * <p>Every question, answer and program uses only {@link #vocabulary()}'s tokens under
 * {@link WordTokenizer}: a few hundred words, single digits, punctuation and CJK characters, small
 * enough for a tiny model trained from scratch.
 *
 * <pre>{@code
 * MathWorld world = MathWorld.builder().seed(7).size(Split.POOL, 300).build();
 * world.write(Path.of("runs/quickstart/problems"));   // seed.jsonl, pool.jsonl, test-id.jsonl, test-ood.jsonl
 * List<Problem> pool = world.problems(Split.POOL).stream().map(WordProblem::toProblem).toList();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MathWorld {
  /** The {@code source} of every problem. */
  public static final String SOURCE = "mathworld";

  private static final Map<Split, Integer> DEFAULT_SIZES =
      Map.of(Split.SEED, 2000, Split.POOL, 600, Split.TEST_ID, 200, Split.TEST_OOD, 200);
  private static final List<Split> DRAW_ORDER =
      List.of(Split.TEST_ID, Split.TEST_OOD, Split.SEED, Split.POOL);
  private static final int ATTEMPTS = 500;
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private static final List<Template> TEMPLATES = allTemplates();

  private final long seed;
  private final Map<Split, Integer> sizes;
  private final Recipe recipe;
  private final Map<Split, List<WordProblem>> problems;

  private MathWorld(long seed, Map<Split, Integer> sizes, Recipe recipe) {
    this.seed = seed;
    this.sizes = Collections.unmodifiableMap(new EnumMap<>(sizes));
    this.recipe = recipe;
    this.problems = Collections.unmodifiableMap(generate(seed, this.sizes, recipe));
  }

  /**
   * What the splits are made of beyond their sizes.
   *
   * @param seedChineseShare the share of the seed split asked in Chinese (0.5: as many as in
   *     English, the default)
   * @param poolSeenShare the share of the pool from seed templates (default 0.3)
   * @param poolNewShare the share of the pool from new problem types that need an operation no
   *     seed program uses (default 0.3)
   * @param poolReachableShare the share of the pool from {@link Group#REACHABLE} types, new types
   *     that combine seed skills (default 0); the rest of the pool are paraphrases
   */
  public record Recipe(double seedChineseShare, double poolSeenShare, double poolNewShare, double poolReachableShare) {
    /** The default: a bilingual seed split; a pool of 30% seed templates, 40% paraphrases, 30% new types. */
    public static final Recipe DEFAULT = new Recipe(0.5, 0.3, 0.3);

    /**
     * Checks the shares.
     *
     * @param seedChineseShare in [0, 0.5]
     * @param poolSeenShare not negative
     * @param poolNewShare not negative
     * @param poolReachableShare not negative; the three pool shares sum to at most 1
     * @throws IllegalArgumentException when a share is out of range
     */
    public Recipe {
      if (!(seedChineseShare >= 0 && seedChineseShare <= 0.5)) {
        throw new IllegalArgumentException("seedChineseShare must be from 0 to 0.5, was " + seedChineseShare);
      }
      if (!(poolSeenShare >= 0 && poolNewShare >= 0 && poolReachableShare >= 0
          && poolSeenShare + poolNewShare + poolReachableShare <= 1)) {
        throw new IllegalArgumentException("pool shares must be at least 0 and sum to at most 1, were seen "
            + poolSeenShare + ", new " + poolNewShare + " and reachable " + poolReachableShare);
      }
    }

    /**
     * A recipe without {@link Group#REACHABLE} problems in the pool.
     *
     * @param seedChineseShare the share of the seed split asked in Chinese
     * @param poolSeenShare the share of the pool from seed templates
     * @param poolNewShare the share of the pool from new problem types
     */
    public Recipe(double seedChineseShare, double poolSeenShare, double poolNewShare) {
      this(seedChineseShare, poolSeenShare, poolNewShare, 0);
    }

    /**
     * @param share the share of the pool from {@link Group#REACHABLE} types
     * @return this recipe with that share
     * @throws IllegalArgumentException when the shares no longer sum to at most 1
     */
    public Recipe withPoolReachableShare(double share) {
      return new Recipe(seedChineseShare, poolSeenShare, poolNewShare, share);
    }

    /**
     * @param share the share of the pool from seed templates
     * @return this recipe with that share
     * @throws IllegalArgumentException when the shares no longer sum to at most 1
     */
    public Recipe withPoolSeenShare(double share) {
      return new Recipe(seedChineseShare, share, poolNewShare, poolReachableShare);
    }
  }

  /** @return a builder: seed 0 and sizes seed 2000, pool 600, test-id 200, test-ood 200 */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param seed the world's seed
   * @return the world of {@code seed} at the default sizes
   */
  public static MathWorld withSeed(long seed) {
    return builder().seed(seed).build();
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return what the splits are made of */
  public Recipe recipe() {
    return recipe;
  }

  /**
   * @param split the split, not null
   * @return the number of problems of {@code split}
   */
  public int size(Split split) {
    return sizes.get(Objects.requireNonNull(split, "split"));
  }

  /**
   * @param split the split, not null
   * @return the problems of {@code split}, shuffled, numbered in that order
   */
  public List<WordProblem> problems(Split split) {
    return problems.get(Objects.requireNonNull(split, "split"));
  }

  /**
   * Writes the four splits as JSONL files, {@code <split>.jsonl}, replacing files of those names.
   * Each line: {@code id, question, answer, language, source, metadata} and, for the seed split,
   * {@code program}.
   *
   * @param folder created if missing
   * @return the files written, by split
   * @throws RunStoreException when a file cannot be written
   */
  public Map<Split, Path> write(Path folder) {
    Objects.requireNonNull(folder, "folder");
    Map<Split, Path> files = new EnumMap<>(Split.class);
    try {
      Files.createDirectories(folder);
      for (Split split : Split.values()) {
        Path file = folder.resolve(split.fileName());
        StringBuilder text = new StringBuilder();
        for (WordProblem p : problems(split)) {
          text.append(toLine(p, split == Split.SEED)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        files.put(split, file);
      }
    } catch (IOException e) {
      throw new RunStoreException("cannot write MathWorld problems to " + folder + ": " + e.getMessage(), e);
    }
    return Collections.unmodifiableMap(files);
  }

  /**
   * Reads a file {@link #write(Path)} wrote.
   *
   * @param file a split's JSONL file
   * @return its problems, in file order; {@code program} present where the line has one
   * @throws InvalidInputException when the file is missing or a line lacks a field, naming file
   *     and line
   */
  public static List<WordProblem> read(Path file) {
    List<WordProblem> out = new ArrayList<>();
    try (JsonlReader reader = JsonlReader.open(file)) {
      for (JsonlReader.Line line : reader) {
        JsonNode json = line.json();
        Map<String, String> metadata = new TreeMap<>();
        JsonNode meta = json.path("metadata");
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          metadata.put(e.getKey(), e.getValue().asText());
        }
        JsonNode program = json.get("program");
        out.add(
            new WordProblem(
                text(line, "id"),
                text(line, "question"),
                text(line, "answer"),
                text(line, "language"),
                text(line, "source"),
                metadata,
                program == null || program.isNull() ? Optional.empty() : Optional.of(program.asText())));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The closed vocabulary of the world: every token {@link WordTokenizer} makes of any question,
   * answer or reference program any seed generates (words with and without their leading space,
   * each digit, punctuation, CJK characters, line feed).
   *
   * @return the tokens, sorted
   */
  public static SortedSet<String> vocabulary() {
    return Vocabulary.TOKENS;
  }

  /**
   * The numbers written in a text: unsigned integers and decimals, in order of first appearance,
   * without repeats. This is what a grounding check compares a program's literals with.
   *
   * @param text a question
   * @return the numbers as written ({@code "2.5"}, {@code "12"})
   */
  public static List<String> numbersIn(String text) {
    Objects.requireNonNull(text, "text");
    Set<String> found = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return List.copyOf(found);
  }

  /**
   * The templates of a group, by id ({@code "linear.solve"}).
   *
   * @param group a group
   * @return template ids, in a stable order
   */
  public static List<String> templates(Group group) {
    Objects.requireNonNull(group, "group");
    return TEMPLATES.stream().filter(t -> t.group() == group).map(Template::id).toList();
  }

  private static List<Template> allTemplates() {
    List<Template> all = new ArrayList<>();
    all.addAll(ArithmeticTemplates.all());
    all.addAll(AlgebraTemplates.all());
    all.addAll(CountingTemplates.all());
    all.addAll(ReachableTemplates.all());
    return List.copyOf(all);
  }

  private static Map<Split, List<WordProblem>> generate(long seed, Map<Split, Integer> sizes, Recipe recipe) {
    Set<String> questions = new HashSet<>();
    Map<Split, List<WordProblem>> out = new EnumMap<>(Split.class);
    for (Split split : DRAW_ORDER) {
      Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * (split.ordinal() + 1)));
      Draw draw = new Draw(random);
      int n = sizes.get(split);
      List<Drawn> drawn = new ArrayList<>(n);
      // the seed split asks at most this many questions in Chinese; the rest are English
      long chineseCap = recipe.seedChineseShare() < 0.5 ? Math.round(n * recipe.seedChineseShare()) : Long.MAX_VALUE;
      long chinese = 0;
      for (Map.Entry<Group, Integer> share : plan(split, n, recipe).entrySet()) {
        List<Template> templates = TEMPLATES.stream().filter(t -> t.group() == share.getKey()).toList();
        int slots = templates.size() * 2;
        int offset = random.nextInt(slots);
        // a pool or seed template (and language) that runs out of new questions is skipped, so
        // a large pool or an English-heavy seed split holds fewer of it and more of the others;
        // the test splits fail instead
        Set<Integer> exhausted = new HashSet<>();
        for (int i = 0, next = 0; i < share.getValue(); next++) {
          int slot = (offset + next) % slots;
          if (exhausted.contains(slot)) {
            continue;
          }
          if (split == Split.SEED && slot % 2 == 1 && chinese >= chineseCap) {
            // as good as run out: no more Chinese questions for this split
            exhausted.add(slot);
            if (exhausted.size() >= slots) {
              throw new IllegalStateException("the seed split has no new English question left after "
                  + drawn.size() + " problems; choose a smaller seed split or a larger Chinese share");
            }
            continue;
          }
          try {
            drawn.add(drawUnique(templates.get(slot / 2), slot % 2 == 1, draw, questions));
            if (slot % 2 == 1) {
              chinese++;
            }
            i++;
          } catch (IllegalStateException e) {
            if ((split != Split.POOL && split != Split.SEED) || exhausted.size() + 1 >= slots) {
              throw e;
            }
            exhausted.add(slot);
          }
        }
      }
      Collections.shuffle(drawn, random);
      List<WordProblem> list = new ArrayList<>(n);
      for (int i = 0; i < drawn.size(); i++) {
        list.add(drawn.get(i).toProblem(String.format("%s-%s-%05d", SOURCE, split.label(), i + 1), split));
      }
      out.put(split, Collections.unmodifiableList(list));
    }
    return out;
  }

  /** How many problems of each group a split holds. */
  private static Map<Group, Integer> plan(Split split, int n, Recipe recipe) {
    Map<Group, Integer> plan = new EnumMap<>(Group.class);
    switch (split) {
      case SEED, TEST_ID -> plan.put(Group.SEEN, n);
      case TEST_OOD -> {
        plan.put(Group.PARAPHRASE, n - 2 * (n / 3));
        plan.put(Group.NEW, n / 3);
        plan.put(Group.REACHABLE, n / 3);
      }
      case POOL -> {
        // float, as the shares were before they could be set: the same sizes give the same pool
        int seen = Math.round(n * (float) recipe.poolSeenShare());
        int fresh = Math.round(n * (float) recipe.poolNewShare());
        int reachable = Math.round(n * (float) recipe.poolReachableShare());
        plan.put(Group.SEEN, seen);
        plan.put(Group.PARAPHRASE, n - seen - fresh - reachable);
        plan.put(Group.NEW, fresh);
        if (reachable > 0) {
          plan.put(Group.REACHABLE, reachable);
        }
      }
    }
    return plan;
  }

  private static Drawn drawUnique(Template template, boolean chinese, Draw draw, Set<String> questions) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Template.Instance instance = template.make(draw, chinese);
      if (questions.add(instance.question())) {
        return new Drawn(template, chinese, instance);
      }
    }
    throw new IllegalStateException(
        "template " + template.id() + " (" + (chinese ? "zh" : "en") + ") has no new question left after "
            + ATTEMPTS + " draws; choose smaller split sizes");
  }

  private record Drawn(Template template, boolean chinese, Template.Instance instance) {
    WordProblem toProblem(String id, Split split) {
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("category", template.category());
      metadata.put("template", template.id());
      metadata.put("split", split.label());
      metadata.put("group", template.group().label());
      metadata.put("numbers", String.join(",", numbersIn(instance.question())));
      return new WordProblem(
          id, instance.question(), instance.answer(), chinese ? "zh" : "en", SOURCE, metadata,
          Optional.of(instance.program()));
    }
  }

  private static String toLine(WordProblem p, boolean withProgram) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("id", p.id());
    node.put("question", p.question());
    node.put("answer", p.answer());
    node.put("language", p.language());
    node.put("source", p.source());
    ObjectNode meta = node.putObject("metadata");
    p.metadata().forEach(meta::put);
    if (withProgram) {
      node.put("program", p.program().orElseThrow());
    }
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new RunStoreException("cannot write problem " + p.id() + " as JSON", e);
    }
  }

  private static String text(JsonlReader.Line line, String field) {
    JsonNode v = line.json().get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(line.where() + "missing text field '" + field + "'");
    }
    return v.asText();
  }

  /**
   * The vocabulary, computed once from many draws of every template in both languages, except the
   * {@link Group#REACHABLE} ones: those use only words the others have (a test checks it), so the
   * shipped models' vocabulary stays what it was.
   */
  private static final class Vocabulary {
    private static final int DRAWS = 400;
    static final SortedSet<String> TOKENS = compute();

    private static SortedSet<String> compute() {
      TreeSet<String> tokens = new TreeSet<>();
      for (int d = 0; d <= 9; d++) {
        tokens.add("" + d);
        tokens.add(" " + d);
      }
      tokens.add("-");
      tokens.add(" -");
      tokens.add("\n");
      for (int t = 0; t < TEMPLATES.size(); t++) {
        if (TEMPLATES.get(t).group() == Group.REACHABLE) {
          continue;
        }
        for (boolean chinese : new boolean[] {false, true}) {
          Draw draw = new Draw(new Random(31L * t + (chinese ? 1 : 0)));
          for (int i = 0; i < DRAWS; i++) {
            Template.Instance instance = TEMPLATES.get(t).make(draw, chinese);
            tokens.addAll(WordTokenizer.tokenize(instance.question()));
            tokens.addAll(WordTokenizer.tokenize(instance.answer()));
            tokens.addAll(WordTokenizer.tokenize(instance.program()));
          }
        }
      }
      return Collections.unmodifiableSortedSet(tokens);
    }
  }

  /**
   * Builds a {@link MathWorld}. Each setter checks its value at once; a value set twice is an
   * error. Not thread-safe; reusable.
   */
  public static final class Builder {
    private Long seed;
    private Recipe recipe;
    private final Map<Split, Integer> sizes = new EnumMap<>(Split.class);

    private Builder() {}

    /**
     * @param seed the seed every draw derives from
     * @return this builder
     * @throws IllegalStateException when the seed was set before
     */
    public Builder seed(long seed) {
      if (this.seed != null) {
        throw new IllegalStateException("seed was already set to " + this.seed);
      }
      this.seed = seed;
      return this;
    }

    /**
     * @param split a split
     * @param problems how many problems it holds (at least 1)
     * @return this builder
     * @throws IllegalArgumentException when {@code problems} is not positive
     * @throws IllegalStateException when this split's size was set before
     */
    public Builder size(Split split, int problems) {
      Objects.requireNonNull(split, "split");
      if (problems <= 0) {
        throw new IllegalArgumentException(split.label() + " size must be positive, was " + problems);
      }
      Integer old = sizes.get(split);
      if (old != null) {
        throw new IllegalStateException(split.label() + " size was already set to " + old);
      }
      sizes.put(split, problems);
      return this;
    }

    /**
     * @param recipe what the splits are made of (default {@link Recipe#DEFAULT})
     * @return this builder
     * @throws IllegalStateException when the recipe was set before
     */
    public Builder recipe(Recipe recipe) {
      Objects.requireNonNull(recipe, "recipe");
      if (this.recipe != null) {
        throw new IllegalStateException("recipe was already set to " + this.recipe);
      }
      this.recipe = recipe;
      return this;
    }

    /**
     * Generates the world.
     *
     * @return the world
     * @throws IllegalStateException when a template runs out of distinct questions at these sizes
     */
    public MathWorld build() {
      Map<Split, Integer> all = new EnumMap<>(DEFAULT_SIZES);
      all.putAll(sizes);
      return new MathWorld(seed == null ? 0L : seed, all, recipe == null ? Recipe.DEFAULT : recipe);
    }
  }
}
