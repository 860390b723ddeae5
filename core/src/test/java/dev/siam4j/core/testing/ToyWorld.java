package dev.siam4j.core.testing;

import dev.siam4j.core.Checkpoint;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.Completion;
import dev.siam4j.core.Critic;
import dev.siam4j.core.Execution;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import dev.siam4j.core.JudgedSample;
import dev.siam4j.core.Outcome;
import dev.siam4j.core.PolicyLoader;
import dev.siam4j.core.PreferenceBuilder;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.Problem;
import dev.siam4j.core.ProgramError;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Trainer;
import dev.siam4j.core.TrainingExamples;
import dev.siam4j.core.TrainingResult;
import dev.siam4j.core.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-test components for composition tests of the loop: a toy world of addition problems whose
 * "policy" is a skill level stored in a checkpoint file. Training raises the skill, so a loop that
 * really hands each trained checkpoint to the next iteration shows rising accuracy. Deterministic:
 * the same seeds give the same records byte for byte.
 */
public final class ToyWorld {
  private static final Pattern ADD = Pattern.compile("(\\d+) \\+ (\\d+)");
  private static final Pattern PRINT = Pattern.compile("print\\((-?\\d+)\\)");

  private ToyWorld() {}

  /** @return {@code n} problems "What is a + b?" */
  public static List<Problem> problems(int n) {
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = 3 + 7 * i % 50;
      int b = 11 + 13 * i % 40;
      out.add(Problem.of("toy-" + i, "What is " + a + " + " + b + "?", Integer.toString(a + b), "toy"));
    }
    return out;
  }

  /** Writes a checkpoint file holding a skill level (0 to 10). */
  public static Checkpoint checkpoint(Path file, int skill) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, Integer.toString(skill));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Checkpoint.of(file);
  }

  /** Opens a generator whose skill is read from the checkpoint; sleeps {@code delay} per request. */
  public static PolicyLoader loader(Duration delay) {
    return cp -> {
      try {
        int skill = Integer.parseInt(Files.readString(cp.model()).strip());
        return new Policy(skill, delay);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** A generator that answers correctly in {@code skill} of 10 samples, decided by the sample seed. */
  public record Policy(int skill, Duration delay) implements Generator {
    @Override
    public List<Completion> generate(GenerationRequest request) {
      java.util.Objects.requireNonNull(request, "request");
      sleep(delay);
      Matcher m = ADD.matcher(request.prompt().flatten());
      int sum = m.find() ? Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) : 0;
      List<Completion> out = new ArrayList<>();
      for (int i = 0; i < request.samples(); i++) {
        long s = request.sampleSeed(i);
        boolean right = s % 10 < skill;
        String text;
        if (s % 7 == 0) {
          text = ""; // no code at all
        } else {
          int value = right ? sum : sum + 1 + (int) (s % 5);
          text = "x = " + value + "\nprint(" + value + ")\n```";
        }
        out.add(new Completion(text, Completion.FinishReason.STOP, 12, 8));
      }
      return out;
    }
  }

  /** Runs toy programs: {@code print(N)} prints N; anything else is an error. */
  public static CodeExecutor executor(Duration delay) {
    return code -> {
      sleep(delay);
      Matcher m = PRINT.matcher(code);
      if (m.find()) {
        return Execution.ok(m.group(1) + "\n", m.group(1), Duration.ofMillis(7));
      }
      return new Execution(
          Outcome.ERROR, 1, "", "SyntaxError", "", Duration.ofMillis(3),
          Optional.of(new ProgramError("SyntaxError", "invalid syntax", 1)));
    };
  }

  /** Judges by exact string equality of answer and reference. */
  public static Critic critic() {
    return r -> Verdict.of(r.execution().answer().equals(r.problem().referenceAnswer()), "toy-rules");
  }

  /** Approved samples become SFT examples; each approved one pairs with the first rejected one. */
  public static PreferenceBuilder preferenceBuilder() {
    return p -> {
      List<SftExample> sft = new ArrayList<>();
      List<PreferencePair> pairs = new ArrayList<>();
      JudgedSample rejected = null;
      int dropped = 0;
      for (JudgedSample s : p.samples()) {
        if (!s.verdict().correct() && rejected == null && s.solution().hasCode()) {
          rejected = s;
        }
      }
      for (JudgedSample s : p.samples()) {
        if (!s.verdict().correct()) {
          dropped++;
          continue;
        }
        sft.add(new SftExample(s.solution().key(), s.solution().prompt(), s.solution().completion().text(), 1.0));
        if (rejected != null
            && !rejected.solution().completion().text().equals(s.solution().completion().text())) {
          pairs.add(
              new PreferencePair(
                  s.solution().key(), rejected.solution().key(), s.solution().prompt(),
                  s.solution().completion().text(), rejected.solution().completion().text()));
        }
      }
      return new TrainingExamples(sft, pairs, dropped == 0 ? Map.of() : Map.of("rejected", dropped));
    };
  }

  /** "Trains" by raising the skill by 1 per 10 SFT examples (at most 10); sleeps {@code delay}. */
  public static Trainer trainer(Duration delay) {
    return job -> {
      sleep(delay);
      try {
        int skill = Integer.parseInt(Files.readString(job.base().model()).strip());
        long examples;
        try (var lines = Files.lines(job.algorithm().usesPairs() ? job.pairsFile() : job.sftFile())) {
          examples = lines.count();
        }
        int next = (int) Math.min(10, skill + 1 + examples / 10);
        Files.createDirectories(job.outputDirectory());
        Checkpoint cp = checkpoint(job.outputDirectory().resolve("model.txt"), next);
        return new TrainingResult(cp, Map.of("examples", (double) examples, "skill", (double) next));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
