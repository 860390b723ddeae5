package dev.siam4j.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** What a confined sandbox needs from its host, checked before any worker starts. */
final class Host {
  private static final String UNCONFINED_HINT =
      ", or build with confinement(Confinement.UNCONFINED) to run programs without confinement";

  private Host() {}

  /**
   * @param requested the binary the builder named, or null for {@code bwrap} on the PATH
   * @return the bubblewrap binary to run
   * @throws ConfinementUnavailableException when it is missing
   */
  static Path bubblewrap(Path requested) {
    if (requested != null) {
      if (!Files.isRegularFile(requested) || !Files.isExecutable(requested)) {
        throw new ConfinementUnavailableException("bubblewrap (bwrap) was not found at "
            + requested + ": the confined sandbox runs its workers in it. Install bubblewrap"
            + " (apt-get install bubblewrap; dnf install bubblewrap) or name its binary"
            + UNCONFINED_HINT);
      }
      return requested;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : (path + ":/usr/bin:/bin").split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "bwrap");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new ConfinementUnavailableException("bubblewrap (bwrap) is not installed: the confined"
        + " sandbox runs its workers in it. Install bubblewrap (apt-get install bubblewrap;"
        + " dnf install bubblewrap)" + UNCONFINED_HINT);
  }

  /** @throws ConfinementUnavailableException when this JVM does not run as root */
  static void requireRoot() {
    if (!ZygoteCommand.root()) {
      throw new ConfinementUnavailableException("the confined sandbox needs root: it gives each"
          + " program an unprivileged uid, its own mount and IPC namespaces and cgroups. Run the"
          + " JVM as root (in a container, for example)" + UNCONFINED_HINT);
    }
  }
}
