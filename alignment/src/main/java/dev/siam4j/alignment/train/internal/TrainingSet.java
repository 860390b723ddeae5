package dev.siam4j.alignment.train.internal;

import dev.siam4j.core.Algorithm;
import dev.siam4j.core.PreferencePair;
import dev.siam4j.core.SftExample;
import dev.siam4j.core.Siam4jException;
import dev.siam4j.core.TrainingFailedException;
import dev.siam4j.core.TrainingJob;
import dev.siam4j.core.jsonl.JsonlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A job's examples, tokenised: SFT targets, or chosen and rejected completions. */
final class TrainingSet {

  /** One example: {@code rejected} is null for SFT. */
  record Item(EncodedSequence chosen, EncodedSequence rejected) {}

  private TrainingSet() {}

  static List<Item> read(TrainingJob job, SequenceEncoder encoder) {
    int max = job.options().maxSequenceLength();
    List<Item> items = new ArrayList<>();
    boolean pairs = job.algorithm().usesPairs();
    Path file = pairs ? job.pairsFile() : job.sftFile();
    try (JsonlReader reader = JsonlReader.open(file)) {
      for (JsonlReader.Line line : reader) {
        if (pairs) {
          PreferencePair p = line.as(PreferencePair.class);
          items.add(
              new Item(
                  encoder.encode(p.prompt(), p.chosen(), max),
                  encoder.encode(p.prompt(), p.rejected(), max)));
        } else {
          SftExample e = line.as(SftExample.class);
          items.add(new Item(encoder.encode(e.prompt(), e.completion(), max), null));
        }
      }
    } catch (Siam4jException e) {
      throw new TrainingFailedException("cannot read training data " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new TrainingFailedException("cannot read training data " + file + ": " + e.getMessage(), e);
    }
    if (items.isEmpty()) {
      throw new TrainingFailedException(
          "no " + (pairs ? "preference pairs" : "SFT examples") + " in " + file + " for " + job.algorithm());
    }
    return items;
  }

  static boolean needsReference(Algorithm a) {
    return a == Algorithm.DPO || a == Algorithm.DPO_NLL || a == Algorithm.IPO || a == Algorithm.KTO;
  }
}
