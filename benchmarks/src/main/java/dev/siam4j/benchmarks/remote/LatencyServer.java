package dev.siam4j.benchmarks.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for a model server: {@code POST /v1/chat/completions} answers a fixed program
 * after a fixed latency, serving at most {@code slots} requests at once (a server's batch), so its
 * throughput is at most {@code slots / latency}. The time it adds is the server's, not the loop's.
 */
final class LatencyServer implements AutoCloseable {
  private static final byte[] ANSWER = ("{\"id\":\"b\",\"object\":\"chat.completion\",\"model\":\"bench\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"```python\\nprint(4)\\n```\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":9,\"total_tokens\":49}}")
      .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService handlers;
  private final Semaphore slots;
  private final long latencyNanos;
  private final AtomicLong served = new AtomicLong();

  LatencyServer(Duration latency, int slots) {
    this.latencyNanos = latency.toNanos();
    this.slots = new Semaphore(slots);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "latency-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(handlers);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  long served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      slots.acquireUninterruptibly();
      try {
        java.util.concurrent.locks.LockSupport.parkNanos(latencyNanos);
      } finally {
        slots.release();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ANSWER.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(ANSWER);
      }
      served.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
