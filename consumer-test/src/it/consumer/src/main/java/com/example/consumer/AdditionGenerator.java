package com.example.consumer;

import dev.siam4j.core.Completion;
import dev.siam4j.core.GenerationRequest;
import dev.siam4j.core.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's own model stand-in: for "What is A + B?" it writes a Python program per sample, the even
 * samples right ({@code print(A + B)}) and the odd ones off by one.
 */
public class AdditionGenerator implements Generator {
  private static final Pattern QUESTION = Pattern.compile("What is (\\d+) \\+ (\\d+)\\?");

  @Override
  public List<Completion> generate(GenerationRequest request) {
    Matcher m = QUESTION.matcher(request.prompt().flatten());
    String a = "0";
    String b = "0";
    while (m.find()) { // the last question in the prompt is the one asked
      a = m.group(1);
      b = m.group(2);
    }
    List<Completion> out = new ArrayList<>();
    for (int i = 0; i < request.samples(); i++) {
      String program = i % 2 == 0 ? "print(" + a + " + " + b + ")" : "print(" + a + " + " + b + " + 1)";
      out.add(new Completion("```python\n" + program + "\n```", Completion.FinishReason.STOP, 10, 10));
    }
    return out;
  }
}
