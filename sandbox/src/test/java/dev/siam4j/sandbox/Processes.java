package dev.siam4j.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds processes by a marker in their command line, through /proc. For tests. */
final class Processes {
  private Processes() {}

  /** @return pids whose command line contains {@code marker} */
  static List<Long> withMarker(String marker) {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          byte[] cmd = Files.readAllBytes(p.resolve("cmdline"));
          String text = new String(cmd, StandardCharsets.UTF_8);
          if (text.contains(marker) && Long.parseLong(name) != ProcessHandle.current().pid()) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return found;
  }

  /** @return pids with the marker that are still there after waiting up to {@code millis} */
  static List<Long> survivorsAfter(String marker, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    List<Long> left = withMarker(marker);
    while (!left.isEmpty() && System.currentTimeMillis() < end) {
      Thread.sleep(100);
      left = withMarker(marker);
    }
    return left;
  }
}
