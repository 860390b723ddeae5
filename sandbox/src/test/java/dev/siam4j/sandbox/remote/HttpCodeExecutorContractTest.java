package dev.siam4j.sandbox.remote;

import com.sun.net.httpserver.HttpServer;
import dev.siam4j.core.CodeExecutor;
import dev.siam4j.core.contract.CodeExecutorContract;
import dev.siam4j.core.jsonl.Json;
import dev.siam4j.sandbox.PythonSandbox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The core CodeExecutor contract on HttpCodeExecutor, against a loopback SandboxFusion-compatible
 * server that runs the programs for real in a PythonSandbox.
 */
final class HttpCodeExecutorContractTest implements CodeExecutorContract {
  private static PythonSandbox python;
  private static HttpServer server;
  private static HttpCodeExecutor http;

  @BeforeAll
  static void start() throws Exception {
    python = PythonSandbox.builder().workers(2).preload(List.of("math")).build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext("/run_code", exchange -> {
      String code = Json.mapper().readTree(exchange.getRequestBody().readAllBytes())
          .path("code").asText();
      byte[] bytes = Json.toLine(SandboxFusionTestService.reply(python.execute(code))).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    http = HttpCodeExecutor.builder()
        .baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .build();
  }

  @AfterAll
  static void stop() {
    http.close();
    server.stop(0);
    python.close();
  }

  @Override
  public CodeExecutor executor() {
    return http;
  }
}
