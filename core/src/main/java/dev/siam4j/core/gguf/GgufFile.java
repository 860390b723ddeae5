package dev.siam4j.core.gguf;

import java.io.IOException;
import dev.siam4j.core.FileAccessException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A GGUF file's header, metadata and tensor table, read by {@link #read(Path)}; tensor data is read
 * on demand from the file.
 *
 * <pre>{@code
 * GgufFile gguf = GgufFile.read(Path.of("model.gguf"));
 * String arch = gguf.metadata().get("general.architecture").asString();
 * float[] embeddings = gguf.readFloats("token_embd.weight");
 * }</pre>
 *
 * <p>Immutable and thread-safe; it holds no open file.
 */
public final class GgufFile {

  /** The metadata key of the data alignment; 32 when absent. */
  public static final String ALIGNMENT_KEY = "general.alignment";

  private final Path path;
  private final int version;
  private final Map<String, GgufValue> metadata;
  private final List<GgufTensorInfo> tensors;
  private final Map<String, GgufTensorInfo> byName;
  private final int alignment;
  private final long dataOffset;

  GgufFile(
      Path path,
      int version,
      Map<String, GgufValue> metadata,
      List<GgufTensorInfo> tensors,
      int alignment,
      long dataOffset) {
    this.path = path;
    this.version = version;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.tensors = List.copyOf(tensors);
    Map<String, GgufTensorInfo> names = new LinkedHashMap<>();
    for (GgufTensorInfo t : tensors) {
      names.put(t.name(), t);
    }
    this.byName = Collections.unmodifiableMap(names);
    this.alignment = alignment;
    this.dataOffset = dataOffset;
  }

  /**
   * Reads the header, metadata and tensor table, checking that every tensor's data lies in the
   * file.
   *
   * @param path a GGUF file
   * @return its contents, tensor data excepted
   * @throws GgufFormatException when the file is not valid GGUF (the message names the byte offset)
   * @throws FileAccessException when the file cannot be read
   */
  public static GgufFile read(Path path) {
    Objects.requireNonNull(path, "path");
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return new GgufParser(path, ch).parse();
    } catch (NoSuchFileException e) {
      throw new FileAccessException(path, path + ": no such file", e);
    } catch (IOException e) {
      throw new FileAccessException(path, path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** @return the file this was read from */
  public Path path() {
    return path;
  }

  /** @return the format version (2 or 3) */
  public int version() {
    return version;
  }

  /** @return the metadata, in file order, unmodifiable */
  public Map<String, GgufValue> metadata() {
    return metadata;
  }

  /**
   * @param key a metadata key
   * @return its value, if present
   */
  public Optional<GgufValue> get(String key) {
    return Optional.ofNullable(metadata.get(Objects.requireNonNull(key, "key")));
  }

  /** @return the tensor table, in file order */
  public List<GgufTensorInfo> tensors() {
    return tensors;
  }

  /**
   * @param name a tensor name
   * @return its table entry, if present
   */
  public Optional<GgufTensorInfo> tensor(String name) {
    return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
  }

  /** @return the data alignment in bytes */
  public int alignment() {
    return alignment;
  }

  /** @return the file offset where the data section starts */
  public long dataOffset() {
    return dataOffset;
  }

  /**
   * Reads a tensor's raw data as stored.
   *
   * @param name the tensor
   * @return its bytes
   * @throws IllegalArgumentException when there is no such tensor, or it exceeds 2 GiB
   * @throws FileAccessException when the file cannot be read
   */
  public byte[] readBytes(String name) {
    GgufTensorInfo t = require(name);
    long bytes = t.byteSize();
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(path + ": tensor " + name + " is too large for one array");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) bytes);
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long at = dataOffset + t.offset();
      while (buf.hasRemaining()) {
        int n = ch.read(buf, at + buf.position());
        if (n < 0) {
          throw new GgufFormatException(
              path + ": truncated: tensor " + name + " ends early at byte " + (at + buf.position()),
              at + buf.position(),
              null);
        }
      }
    } catch (IOException e) {
      throw new FileAccessException(path, path + ": cannot read tensor " + name + ": " + e.getMessage(), e);
    }
    return buf.array();
  }

  /**
   * Reads a tensor as floats, decoding F32, F16, BF16 or Q8_0 data. Elements come in storage order
   * (the first dimension varies fastest).
   *
   * @param name the tensor
   * @return its values
   * @throws IllegalArgumentException when there is no such tensor or its type is not one of those
   */
  public float[] readFloats(String name) {
    GgufTensorInfo t = require(name);
    if (!t.type().isFloatCodec()) {
      throw new IllegalArgumentException(
          path + ": tensor " + name + " is " + t.type() + "; floats are decoded from F32, F16, BF16 and Q8_0");
    }
    return TensorCodec.decode(ByteBuffer.wrap(readBytes(name)), t.type(), Math.toIntExact(t.elementCount()));
  }

  private GgufTensorInfo require(String name) {
    GgufTensorInfo t = byName.get(Objects.requireNonNull(name, "name"));
    if (t == null) {
      throw new IllegalArgumentException(path + ": no tensor named " + name);
    }
    return t;
  }
}
