package dev.siam4j.core.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import dev.siam4j.core.FileAccessException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects metadata and tensors and writes them as a GGUF v3 file.
 *
 * <pre>{@code
 * GgufWriter.create()
 *     .put("general.architecture", GgufValue.string("llama"))
 *     .addTensor("output_norm.weight", GgmlType.F32, List.of(64L), norm)
 *     .write(Path.of("model.gguf"));
 * }</pre>
 *
 * <p>Tensor data is aligned to {@code general.alignment} when that key is set (a UINT32 power of
 * two), else to 32 bytes. The file is written to a temporary sibling and moved into place, so a
 * reader never sees half a file. Not thread-safe; reusable: {@link #write} may be called again.
 */
public final class GgufWriter {

  private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  private GgufWriter() {}

  /** @return an empty writer */
  public static GgufWriter create() {
    return new GgufWriter();
  }

  private static final class Tensor {
    final GgufTensorInfo info;
    final byte[] data;

    Tensor(GgufTensorInfo info, byte[] data) {
      this.info = info;
      this.data = data;
    }
  }

  /**
   * Adds a metadata entry.
   *
   * @param key the key, such as {@code llama.block_count}
   * @param value its value
   * @return this writer
   * @throws IllegalStateException when the key is already set
   * @throws IllegalArgumentException when {@code general.alignment} is not a UINT32 power of two
   */
  public GgufWriter put(String key, GgufValue value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    checkAlignment(key, value);
    GgufValue old = metadata.putIfAbsent(key, value);
    if (old != null) {
      throw new IllegalStateException("metadata " + key + " is already set to " + old);
    }
    return this;
  }

  private static void checkAlignment(String key, GgufValue value) {
    if (key.equals(GgufFile.ALIGNMENT_KEY)
        && (value.type() != GgufValueType.UINT32
            || value.asLong() == 0
            || Long.bitCount(value.asLong()) != 1
            || value.asLong() > (1 << 20))) {
      throw new IllegalArgumentException(
          GgufFile.ALIGNMENT_KEY + " must be a UINT32 power of two, was " + value.type() + " " + value);
    }
  }

  /**
   * A writer holding a file's metadata and tensors (read into memory as stored), to write a modified
   * copy.
   *
   * @param source the file to copy
   * @return the writer
   */
  public static GgufWriter copyOf(GgufFile source) {
    Objects.requireNonNull(source, "source");
    GgufWriter w = new GgufWriter();
    w.putAll(source.metadata());
    for (GgufTensorInfo t : source.tensors()) {
      w.addTensorBytes(t.name(), t.type(), t.shape(), source.readBytes(t.name()));
    }
    return w;
  }

  /**
   * Sets a metadata entry, replacing any value it had (in place) or adding it at the end.
   *
   * @param key the key
   * @param value its value
   * @return this writer
   */
  public GgufWriter set(String key, GgufValue value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (!metadata.containsKey(key)) {
      return put(key, value);
    }
    checkAlignment(key, value);
    metadata.replace(key, value);
    return this;
  }

  /**
   * Removes a metadata entry, if present.
   *
   * @param key the key
   * @return this writer
   */
  public GgufWriter remove(String key) {
    metadata.remove(Objects.requireNonNull(key, "key"));
    return this;
  }

  /**
   * Adds metadata entries, in the map's order.
   *
   * @param entries the entries
   * @return this writer
   */
  public GgufWriter putAll(Map<String, GgufValue> entries) {
    Objects.requireNonNull(entries, "entries").forEach(this::put);
    return this;
  }

  /**
   * Adds a tensor, encoding floats as {@code type} (F32, F16, BF16 or Q8_0).
   *
   * @param name the tensor's name
   * @param type the storage type
   * @param shape dimensions fastest first, as {@link GgufTensorInfo#shape()}
   * @param values the elements in storage order; as many as the shape holds
   * @return this writer
   * @throws IllegalArgumentException when the type cannot encode floats, or the counts disagree
   * @throws IllegalStateException when a tensor of that name exists
   */
  public GgufWriter addTensor(String name, GgmlType type, List<Long> shape, float[] values) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(type, "type");
    if (!type.isFloatCodec()) {
      throw new IllegalArgumentException("floats are encoded as F32, F16, BF16 or Q8_0, not " + type);
    }
    GgufTensorInfo info = new GgufTensorInfo(name, shape, type, 0);
    if (info.elementCount() != values.length) {
      throw new IllegalArgumentException(
          "tensor " + name + " of shape " + shape + " holds " + info.elementCount() + " elements, got " + values.length);
    }
    return add(info, TensorCodec.encode(values, type));
  }

  /**
   * Adds a tensor whose data is already encoded, of any type.
   *
   * @param name the tensor's name
   * @param type the storage type
   * @param shape dimensions fastest first
   * @param data the encoded data; {@code type.byteSize(elements)} bytes; not copied
   * @return this writer
   * @throws IllegalArgumentException when the data size is wrong for the shape and type
   * @throws IllegalStateException when a tensor of that name exists
   */
  public GgufWriter addTensorBytes(String name, GgmlType type, List<Long> shape, byte[] data) {
    Objects.requireNonNull(data, "data");
    GgufTensorInfo info = new GgufTensorInfo(name, shape, type, 0);
    if (info.byteSize() != data.length) {
      throw new IllegalArgumentException(
          "tensor " + name + " of shape " + shape + " and type " + type + " takes " + info.byteSize()
              + " bytes, got " + data.length);
    }
    return add(info, data);
  }

  private GgufWriter add(GgufTensorInfo info, byte[] data) {
    if (tensors.containsKey(info.name())) {
      throw new IllegalStateException("tensor " + info.name() + " is already added");
    }
    tensors.put(info.name(), new Tensor(info, data));
    return this;
  }

  /**
   * Writes the file, replacing any file at {@code path}.
   *
   * @param path where to write
   * @return {@code path}
   * @throws FileAccessException when the file cannot be written
   */
  public Path write(Path path) {
    Objects.requireNonNull(path, "path");
    int alignment =
        metadata.containsKey(GgufFile.ALIGNMENT_KEY)
            ? metadata.get(GgufFile.ALIGNMENT_KEY).asInt()
            : GgufParser.DEFAULT_ALIGNMENT;
    Path abs = path.toAbsolutePath();
    Path tmp = null;
    try {
      Path dir = abs.getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        Out o = new Out(out);
        o.i32(GgufParser.MAGIC);
        o.i32(3);
        o.i64(tensors.size());
        o.i64(metadata.size());
        for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
          o.string(e.getKey());
          o.i32(e.getValue().type().id());
          o.value(e.getValue().type(), e.getValue().value());
        }
        List<Long> offsets = new ArrayList<>();
        long offset = 0;
        for (Tensor t : tensors.values()) {
          offsets.add(offset);
          offset = GgufParser.align(offset + t.data.length, alignment);
        }
        int i = 0;
        for (Tensor t : tensors.values()) {
          o.string(t.info.name());
          o.i32(t.info.shape().size());
          for (long d : t.info.shape()) {
            o.i64(d);
          }
          o.i32(t.info.type().id());
          o.i64(offsets.get(i++));
        }
        o.pad(alignment);
        for (Tensor t : tensors.values()) {
          o.bytes(t.data);
          o.pad(alignment);
        }
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return path;
    } catch (IOException e) {
      throw new FileAccessException(path, path + ": cannot write GGUF: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is in the target folder and named as such
        }
      }
    }
  }

  /** Little-endian output that counts bytes for padding. */
  private static final class Out {
    private final OutputStream out;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    Out(OutputStream out) {
      this.out = out;
    }

    void bytes(byte[] b) throws IOException {
      out.write(b);
      written += b.length;
    }

    private void flushScratch() throws IOException {
      out.write(scratch.array(), 0, scratch.position());
      written += scratch.position();
      scratch.clear();
    }

    void i8(int v) throws IOException {
      scratch.put((byte) v);
      flushScratch();
    }

    void i16(int v) throws IOException {
      scratch.putShort((short) v);
      flushScratch();
    }

    void i32(int v) throws IOException {
      scratch.putInt(v);
      flushScratch();
    }

    void i64(long v) throws IOException {
      scratch.putLong(v);
      flushScratch();
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      i64(b.length);
      bytes(b);
    }

    void pad(int alignment) throws IOException {
      long rem = written % alignment;
      if (rem != 0) {
        bytes(new byte[(int) (alignment - rem)]);
      }
    }

    void value(GgufValueType type, Object v) throws IOException {
      switch (type) {
        case UINT8:
        case UINT16:
        case INT32:
          if (type == GgufValueType.UINT8) {
            i8((Integer) v);
          } else if (type == GgufValueType.UINT16) {
            i16((Integer) v);
          } else {
            i32((Integer) v);
          }
          break;
        case INT8:
          i8((Byte) v);
          break;
        case INT16:
          i16((Short) v);
          break;
        case UINT32:
          i32((int) (long) (Long) v);
          break;
        case UINT64:
        case INT64:
          i64((Long) v);
          break;
        case FLOAT32:
          i32(Float.floatToRawIntBits((Float) v));
          break;
        case FLOAT64:
          i64(Double.doubleToRawLongBits((Double) v));
          break;
        case BOOL:
          i8((Boolean) v ? 1 : 0);
          break;
        case STRING:
          string((String) v);
          break;
        case ARRAY:
          {
            GgufArray a = (GgufArray) v;
            i32(a.elementType().id());
            i64(a.size());
            for (Object e : a.elements()) {
              value(a.elementType(), e);
            }
            break;
          }
        default:
          throw new AssertionError(type);
      }
    }
  }
}
