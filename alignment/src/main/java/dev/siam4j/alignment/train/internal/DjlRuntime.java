package dev.siam4j.alignment.train.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether DJL's PyTorch engine is on the class path, and what to add when it is not. siam4j's
 * alignment module declares the engine optional, so a user who does not train in the JVM does not
 * carry it; this names the artifacts for the user who does. Checks by name only, never loading a
 * DJL class, so it runs where DJL is absent. Stateless and thread-safe.
 */
public final class DjlRuntime {
  private static final String API = "ai.djl:api";
  private static final String ENGINE = "ai.djl.pytorch:pytorch-engine";
  private static final String JNI = "ai.djl.pytorch:pytorch-jni";
  private static final String NATIVE = "ai.djl.pytorch:pytorch-native-cpu";

  private DjlRuntime() {}

  /**
   * @param loader where to look
   * @param osName the {@code os.name} to name the native build for
   * @param osArch the {@code os.arch} to name the native build for
   * @return what to add, naming the missing artifacts; empty when the engine is there
   */
  public static Optional<String> missing(ClassLoader loader, String osName, String osArch) {
    Objects.requireNonNull(loader, "loader");
    List<String> missing = new ArrayList<>();
    if (!present(loader, "ai.djl.engine.Engine")) {
      missing.add(API);
    }
    if (!present(loader, "ai.djl.pytorch.engine.PtEngineProvider")) {
      missing.add(ENGINE);
    }
    if (loader.getResource("jnilib/pytorch.properties") == null) {
      missing.add(JNI);
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "in-JVM training needs PyTorch through DJL, and "
            + String.join(", ", missing)
            + (missing.size() == 1 ? " is" : " are")
            + " not on the class path. "
            + whatToAdd(osName, osArch));
  }

  /**
   * @return what to add in this JVM, or empty when the engine is there
   * @see #missing(ClassLoader, String, String)
   */
  public static Optional<String> missing() {
    return missing(
        DjlRuntime.class.getClassLoader(), System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /**
   * @param osName the {@code os.name}
   * @param osArch the {@code os.arch}
   * @return the four artifacts to add, the native build's classifier for this platform included
   */
  public static String whatToAdd(String osName, String osArch) {
    String three = API + ", " + ENGINE + ", " + JNI;
    Optional<String> classifier = platform(osName, osArch);
    if (classifier.isEmpty()) {
      return "Add " + three + " to your dependencies (dev.siam4j:siam4j-bom manages their versions);"
          + " Maven Central has no PyTorch build for " + osName + "/" + osArch
          + ", so point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 built for it.";
    }
    return "Add " + three + " and " + NATIVE + ":" + classifier.get()
        + " (PyTorch's CPU build for this platform) to your dependencies;"
        + " dev.siam4j:siam4j-bom manages their versions."
        + " For a GPU, add the first three and point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 build.";
  }

  /**
   * @param osName the {@code os.name}
   * @param osArch the {@code os.arch}
   * @return the classifier of {@code pytorch-native-cpu} for the platform, if Maven Central has one
   */
  public static Optional<String> platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    if (os.startsWith("linux") && x64) {
      return Optional.of("linux-x86_64");
    }
    if (os.startsWith("linux") && arm64) {
      return Optional.of("linux-aarch64");
    }
    if ((os.startsWith("mac") || os.startsWith("darwin")) && arm64) {
      return Optional.of("osx-aarch64");
    }
    if (os.startsWith("windows") && x64) {
      return Optional.of("win-x86_64");
    }
    return Optional.empty();
  }

  private static boolean present(ClassLoader loader, String className) {
    return loader.getResource(className.replace('.', '/') + ".class") != null;
  }
}
