package dev.siam4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.siam4j.alignment.export.ExportSummary;
import dev.siam4j.core.gguf.LlamaModelFactory;
import dev.siam4j.core.loop.IterationMetrics;
import dev.siam4j.core.loop.LoopResult;
import dev.siam4j.core.testing.ToyLoopMain;
import dev.siam4j.critic.evaluation.Evaluation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each recipe run for real: llama.cpp, the sandbox, a loopback OpenAI-compatible server. */
@Tag("slow")
final class RecipesTest {
  @TempDir Path dir;

  private Path problems() throws Exception {
    return Files.writeString(dir.resolve("toy.jsonl"),
        "{\"id\": \"p1\", \"question\": \"What is 2+2?\", \"answer\": \"4\"}\n"
            + "{\"id\": \"p2\", \"question\": \"What is 3*3?\", \"answer\": \"9\"}\n");
  }

  @Test
  void remoteModel_generatesThroughAnOpenAiCompatibleServer() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] reply = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"```python\\nprint(2 + 2)\\n```\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
      Evaluation e = RemoteModel.evaluate(base, "m", problems(), 2);
      assertThat(e.report().overall().problems()).isEqualTo(2);
      assertThat(e.report().overall().rules().accuracy()).isEqualTo(0.5);
      assertThat(bodies).hasSize(4).allSatisfy(b -> assertThat(b).containsPattern("\"model\"\\s*:\\s*\"m\""));
      assertThat(String.join("", bodies)).contains("What is 2+2?").contains("What is 3*3?");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void customCritic_replacesTheDefaultJudgeInTheLoop() throws Exception {
    LoopResult r = CustomCritic.run(dir.resolve("cc"));
    IterationMetrics m = r.iterations().get(0);
    assertThat(m.samples()).isEqualTo(4);
    // the rules would approve print(42) for 42; the host's critic refuses every literal
    assertThat(m.approved()).isZero();
    assertThat(m.judges()).containsEntry("no-literals", 4L);
  }

  @Test
  void evaluateOnly_scoresAModelByRulesAndCritic() throws Exception {
    Path model = LlamaModelFactory.writeAnswering("print(2 + 2)\n```", dir.resolve("policy.gguf"));
    Evaluation e = EvaluateOnly.evaluate(model, problems(), "plain", 2);
    assertThat(e.report().overall().samples()).isEqualTo(4);
    assertThat(e.report().overall().rules().accuracy()).isEqualTo(0.5);
    assertThat(e.report().toMarkdown()).contains("|");
  }

  @Test
  void exportForTrl_writesTheIterationsDataInConversationalForm() throws Exception {
    Path run = dir.resolve("toy");
    ToyLoopMain.loop(run, Duration.ZERO).run();
    ExportSummary s = ExportForTrl.export(run, 0, dir.resolve("trl"));
    assertThat(s.sft()).isEqualTo(Files.readAllLines(run.resolve("iter-0/sft.jsonl")).size()).isPositive();
    assertThat(s.pairs()).isEqualTo(Files.readAllLines(run.resolve("iter-0/pairs.jsonl")).size());
    assertThat(Files.readString(dir.resolve("trl/sft.jsonl"))).contains("\"role\"");
  }
}
