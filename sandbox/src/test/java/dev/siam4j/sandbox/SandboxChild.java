package dev.siam4j.sandbox;

import java.util.concurrent.CompletableFuture;

/**
 * A separate JVM for {@link PythonSandboxLifecycleTest}: starts a sandbox, runs a long program
 * that leaves a marked child process, reports "running", then exits or waits to be killed.
 */
public final class SandboxChild {
  private SandboxChild() {}

  /**
   * @param args how to end ("exit" or "wait"), the marker, the confinement
   */
  public static void main(String[] args) throws Exception {
    String how = args[0];
    String marker = args[1];
    PythonSandbox sandbox = PythonSandbox.builder()
        .workers(1)
        .preload(java.util.List.of("math"))
        .confinement(Confinement.valueOf(args[2]))
        .wallTime(java.time.Duration.ofSeconds(600))
        .cpuTime(java.time.Duration.ofSeconds(600))
        .build();
    System.out.println("sandbox " + sandbox.id());
    CompletableFuture<?> running = sandbox.submit(
        "import subprocess, sys, time\n"
            + "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1000)  # "
            + marker + "'])\n"
            + "time.sleep(1000)\n");
    while (Processes.withMarker(marker).isEmpty()) {
      Thread.sleep(50);
    }
    System.out.println("running");
    System.out.flush();
    if (how.equals("exit")) {
      System.exit(0);
    }
    running.join();
  }
}
