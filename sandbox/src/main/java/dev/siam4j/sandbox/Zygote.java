package dev.siam4j.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siam4j.core.ExecutionFailedException;
import dev.siam4j.core.jsonl.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One worker process (the warm interpreter, possibly inside bubblewrap) and the line protocol to
 * it. Not thread-safe: one worker thread owns it. Closing it ends the process and, with it, every
 * process it started.
 */
final class Zygote implements AutoCloseable {

  /**
   * One reply.
   *
   * @param header the JSON header
   * @param out the program's stdout bytes
   * @param err its stderr bytes
   */
  record Reply(JsonNode header, byte[] out, byte[] err) {}

  private final Process process;
  private final InputStream in;
  private final OutputStream out;
  private final StderrTail stderr;
  private final JsonNode ready;

  private Zygote(Process process, JsonNode ready, InputStream in, StderrTail stderr) {
    this.process = process;
    this.in = in;
    this.out = process.getOutputStream();
    this.stderr = stderr;
    this.ready = ready;
  }

  /**
   * Starts a worker and waits until it has imported its modules.
   *
   * @throws ExecutionFailedException (retriable) when it does not start or does not get ready
   */
  static Zygote start(List<String> command, long startupMillis) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("OPENBLAS_NUM_THREADS", "1");
    env.put("OMP_NUM_THREADS", "1");
    env.put("MKL_NUM_THREADS", "1");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ExecutionFailedException(
          "cannot start sandbox worker " + command.get(0) + ": " + e.getMessage(), e, true);
    }
    StderrTail tail = new StderrTail(p.getErrorStream());
    tail.start();
    InputStream in = new BufferedInputStream(p.getInputStream(), 1 << 16);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!p.waitFor(startupMillis, TimeUnit.MILLISECONDS)) {
                  p.destroyForcibly();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "siam4j-sandbox-startup-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      Reply r = read(in);
      watchdog.interrupt();
      if (!r.header().path("ready").asBoolean()) {
        throw new IOException("unexpected first reply " + r.header());
      }
      return new Zygote(p, r.header(), in, tail);
    } catch (IOException e) {
      watchdog.interrupt();
      p.destroyForcibly();
      waitQuietly(p);
      throw new ExecutionFailedException(
          "sandbox worker did not start: " + e.getMessage() + "; its stderr: " + tail.text(),
          e, true);
    }
  }

  /** @return the worker's first message (python version, preloaded modules, address space) */
  JsonNode ready() {
    return ready;
  }

  /** @return the worker's process */
  Process process() {
    return process;
  }

  /** @return the last lines the worker wrote to its stderr */
  String stderrTail() {
    return stderr.text();
  }

  /**
   * Sends one request and reads its reply.
   *
   * @throws IOException when the worker died or the stream broke
   */
  Reply call(Map<String, Object> request) throws IOException {
    byte[] line = Json.mapper().writeValueAsBytes(request);
    out.write(line);
    out.write('\n');
    out.flush();
    return read(in);
  }

  /**
   * Sends one program (a header with its length, then its bytes) and reads the execution's reply.
   *
   * @throws IOException when the worker died or the stream broke
   */
  Reply run(byte[] code) throws IOException {
    out.write(("{\"op\":\"run\",\"size\":" + code.length + "}\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(code);
    out.flush();
    return read(in);
  }

  private static Reply read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("the sandbox worker closed its output");
      }
      line.write(b);
    }
    JsonNode header = Json.mapper().readTree(line.toByteArray());
    byte[] o = in.readNBytes(header.path("out").asInt());
    byte[] e = in.readNBytes(header.path("err").asInt());
    if (o.length != header.path("out").asInt() || e.length != header.path("err").asInt()) {
      throw new EOFException("the sandbox worker's reply was cut short");
    }
    return new Reply(header, o, e);
  }

  /** Kills the worker at once (its namespace, or its own cleanup, takes its children along). */
  void kill() {
    process.destroyForcibly();
  }

  /** Asks the worker to stop (it kills the program it runs), then kills it if it lingers. */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    waitQuietly(process);
  }

  private static void waitQuietly(Process p) {
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drains the worker's stderr (so it never blocks) and keeps its last few KiB for messages. */
  private static final class StderrTail extends Thread {
    private final InputStream err;
    private final byte[] ring = new byte[4096];
    private int length;

    StderrTail(InputStream err) {
      super("siam4j-sandbox-stderr");
      setDaemon(true);
      this.err = err;
    }

    @Override
    public void run() {
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = err.read(buf)) > 0) {
          synchronized (this) {
            int keep = Math.min(ring.length, length + n);
            byte[] joined = new byte[length + n];
            System.arraycopy(ring, 0, joined, 0, length);
            System.arraycopy(buf, 0, joined, length, n);
            System.arraycopy(joined, joined.length - keep, ring, 0, keep);
            length = keep;
          }
        }
      } catch (IOException ignored) {
        // the worker is gone
      }
    }

    synchronized String text() {
      return new String(ring, 0, length, StandardCharsets.UTF_8).strip();
    }
  }
}
