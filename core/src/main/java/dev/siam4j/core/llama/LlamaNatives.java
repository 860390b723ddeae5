package dev.siam4j.core.llama;

import java.io.IOException;
import java.io.InputStream;
import dev.siam4j.core.FileAccessException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares de.kherud:llama's native library before its first use, containing two of its defects:
 * its loader deletes every {@code llama*} and {@code jllama*} file in its temp folder (by default
 * {@code java.io.tmpdir}), and prints to stdout when it extracts the library. We extract the library
 * ourselves into a private folder, point {@code de.kherud.llama.lib.path} at it, and point {@code
 * de.kherud.llama.tmpdir} at that private folder too, so the cleanup only sees our own copy.
 * Properties a host set itself are respected.
 */
final class LlamaNatives {
  static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";
  static final String LIB_PATH_PROPERTY = "de.kherud.llama.lib.path";
  private static final Logger LOG = LoggerFactory.getLogger(LlamaNatives.class);
  private static final String[] GPU_MARKERS = {
    "ggml_backend_cuda", "ggml_cuda_", "ggml_backend_vk", "ggml_metal_", "ggml_backend_sycl"
  };

  private static Path privateFolder;
  private static Optional<Path> library = Optional.empty();
  private static Boolean gpuOffload;

  private LlamaNatives() {}

  /** Sets the binding's system properties; call before any de.kherud.llama class is touched. */
  static synchronized void prepare() {
    if (privateFolder != null) {
      return;
    }
    try {
      Path folder = Files.createTempDirectory("siam4j-natives-");
      folder.toFile().deleteOnExit();
      if (System.getProperty(LIB_PATH_PROPERTY) == null) {
        library = extract(folder);
        library.ifPresent(lib -> System.setProperty(LIB_PATH_PROPERTY, folder.toString()));
      }
      if (System.getProperty(TMPDIR_PROPERTY) == null) {
        System.setProperty(TMPDIR_PROPERTY, folder.toString());
      }
      privateFolder = folder;
      LOG.debug("llama.cpp natives prepared in {}", folder);
    } catch (IOException e) {
      throw new FileAccessException(
          Path.of(System.getProperty("java.io.tmpdir")),
          "cannot prepare llama.cpp's native library in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
    }
  }

  /** @return whether the bundled llama.cpp build can offload layers to a GPU (CUDA, Vulkan, Metal) */
  static synchronized boolean gpuOffloadSupported() {
    prepare();
    if (gpuOffload == null) {
      gpuOffload = library.or(LlamaNatives::hostLibrary).map(LlamaNatives::hasGpuBackend).orElse(false);
    }
    return gpuOffload;
  }

  /**
   * The library a host provides: the jars with a GPU classifier (such as {@code
   * cuda12-linux-x86-64}) ship no native library, so a CUDA build of libjllama is put in {@code
   * de.kherud.llama.lib.path} or on {@code java.library.path}.
   */
  private static Optional<Path> hostLibrary() {
    String name = System.mapLibraryName("jllama");
    String libPath = System.getProperty(LIB_PATH_PROPERTY);
    if (libPath != null && !libPath.equals(String.valueOf(privateFolder))) {
      Path p = Path.of(libPath, name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    for (String dir : System.getProperty("java.library.path", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  private static boolean hasGpuBackend(Path lib) {
    try {
      // Symbol names are ASCII; ISO-8859-1 maps bytes one to one, so a substring search is exact.
      String text = new String(Files.readAllBytes(lib), StandardCharsets.ISO_8859_1);
      for (String marker : GPU_MARKERS) {
        if (text.contains(marker)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      LOG.warn("cannot read {} to detect GPU support; assuming none", lib, e);
      return false;
    }
  }

  private static Optional<Path> extract(Path folder) throws IOException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osDir;
    String file;
    if (os.contains("linux")) {
      osDir = "Linux";
      file = "libjllama.so";
    } else if (os.contains("mac") || os.contains("darwin")) {
      osDir = "Mac";
      file = "libjllama.dylib";
    } else if (os.contains("windows")) {
      osDir = "Windows";
      file = "jllama.dll";
    } else {
      return Optional.empty();
    }
    String archDir = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
    String resource = "/de/kherud/llama/" + osDir + "/" + archDir + "/" + file;
    try (InputStream in = LlamaNatives.class.getResourceAsStream(resource)) {
      if (in == null) {
        // GPU classifier jars carry no library: the binding finds the host's through
        // java.library.path; the tmpdir guard still applies.
        return Optional.empty();
      }
      Path target = folder.resolve(file);
      Files.copy(in, target);
      target.toFile().deleteOnExit();
      return Optional.of(target);
    }
  }
}
