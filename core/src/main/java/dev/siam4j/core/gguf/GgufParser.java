package dev.siam4j.core.gguf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF header, metadata and tensor table through a small buffer. Every count and size read
 * from the file is checked against the bytes left before anything is allocated by it.
 */
final class GgufParser {
  static final int MAGIC = 0x46554747; // "GGUF" little-endian
  static final int DEFAULT_ALIGNMENT = 32;
  private static final int MAX_NESTING = 8;

  private final Path path;
  private final FileChannel channel;
  private final long size;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long bufferStart; // file offset of buffer[0]

  GgufParser(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    this.size = channel.size();
    buffer.limit(0);
  }

  GgufFile parse() throws IOException {
    long at = position();
    int magic = readInt("magic");
    if (magic != MAGIC) {
      throw fail(at, String.format("not a GGUF file: magic is 0x%08x, expected 0x%08x (\"GGUF\")", magic, MAGIC));
    }
    at = position();
    int version = readInt("version");
    if (version != 2 && version != 3) {
      throw fail(at, "unsupported GGUF version " + Integer.toUnsignedString(version) + " (reads 2 and 3)");
    }
    at = position();
    long tensorCount = readLong("tensor count");
    // name (8+), dims count (4), one dim (8), type (4), offset (8)
    checkCount(at, tensorCount, 32, "tensor count");
    at = position();
    long kvCount = readLong("metadata count");
    // key (8+), type (4), smallest value (1)
    checkCount(at, kvCount, 13, "metadata count");

    Map<String, GgufValue> metadata = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      long keyAt = position();
      String key = readString("metadata key " + i);
      long typeAt = position();
      GgufValueType type = readValueType(typeAt, "metadata " + key);
      Object value = readValue(type, "metadata " + key, 0);
      if (metadata.put(key, new GgufValue(type, value)) != null) {
        throw fail(keyAt, "duplicate metadata key " + key);
      }
    }

    int alignment = DEFAULT_ALIGNMENT;
    GgufValue a = metadata.get(GgufFile.ALIGNMENT_KEY);
    if (a != null) {
      if (a.type() != GgufValueType.UINT32
          || a.asLong() == 0
          || Long.bitCount(a.asLong()) != 1
          || a.asLong() > (1 << 20)) {
        throw fail(-1, GgufFile.ALIGNMENT_KEY + " must be a UINT32 power of two, is " + a.type() + " " + a.value());
      }
      alignment = a.asInt();
    }

    List<GgufTensorInfo> tensors = new ArrayList<>((int) tensorCount);
    Map<String, Long> names = new LinkedHashMap<>();
    List<Long> infoOffsets = new ArrayList<>((int) tensorCount);
    for (long i = 0; i < tensorCount; i++) {
      long infoAt = position();
      String name = readString("tensor name " + i);
      long dimsAt = position();
      int nDims = readInt("tensor " + name + " dimension count");
      if (nDims < 1 || nDims > GgufTensorInfo.MAX_DIMS) {
        throw fail(dimsAt, "tensor " + name + " has " + Integer.toUnsignedString(nDims) + " dimensions (1 to " + GgufTensorInfo.MAX_DIMS + " allowed)");
      }
      List<Long> shape = new ArrayList<>(nDims);
      long elements = 1;
      for (int d = 0; d < nDims; d++) {
        long dimAt = position();
        long dim = readLong("tensor " + name + " dimension " + d);
        if (dim <= 0 || elements > Long.MAX_VALUE / dim) {
          throw fail(dimAt, "tensor " + name + " has an absurd dimension " + Long.toUnsignedString(dim));
        }
        elements *= dim;
        shape.add(dim);
      }
      long typeAt = position();
      int typeId = readInt("tensor " + name + " type");
      GgmlType type =
          GgmlType.byId(Integer.toUnsignedLong(typeId))
              .orElseThrow(() -> fail(typeAt, "tensor " + name + " has an unknown type id " + Integer.toUnsignedString(typeId)));
      if (shape.get(0) % type.blockSize() != 0) {
        throw fail(dimsAt, "tensor " + name + ": first dimension " + shape.get(0) + " is not a multiple of " + type + "'s block size " + type.blockSize());
      }
      long offsetAt = position();
      long offset = readLong("tensor " + name + " offset");
      if (offset < 0 || offset % alignment != 0) {
        throw fail(offsetAt, "tensor " + name + " data offset " + Long.toUnsignedString(offset) + " is misaligned (alignment " + alignment + ")");
      }
      if (names.put(name, infoAt) != null) {
        throw fail(infoAt, "duplicate tensor name " + name);
      }
      tensors.add(new GgufTensorInfo(name, shape, type, offset));
      infoOffsets.add(offsetAt);
    }

    long dataOffset = align(position(), alignment);
    for (int i = 0; i < tensors.size(); i++) {
      GgufTensorInfo t = tensors.get(i);
      long bytes = t.type().byteSize(t.elementCount());
      if (t.offset() > size || bytes > size - dataOffset - t.offset()) {
        throw fail(
            infoOffsets.get(i),
            "tensor " + t.name() + " needs bytes " + (dataOffset + t.offset()) + " to "
                + (dataOffset + t.offset() + bytes) + " but the file ends at byte " + size + " (truncated?)");
      }
    }
    return new GgufFile(path, version, metadata, tensors, alignment, dataOffset);
  }

  static long align(long offset, int alignment) {
    long rem = offset % alignment;
    return rem == 0 ? offset : offset + alignment - rem;
  }

  private GgufValueType readValueType(long at, String what) throws IOException {
    int id = readInt(what + " type");
    return GgufValueType.byId(Integer.toUnsignedLong(id))
        .orElseThrow(() -> fail(at, what + " has an unknown value type " + Integer.toUnsignedString(id)));
  }

  private Object readValue(GgufValueType type, String what, int depth) throws IOException {
    switch (type) {
      case UINT8:
        return need(1, what).get() & 0xFF;
      case INT8:
        return need(1, what).get();
      case UINT16:
        return need(2, what).getShort() & 0xFFFF;
      case INT16:
        return need(2, what).getShort();
      case UINT32:
        return need(4, what).getInt() & 0xFFFF_FFFFL;
      case INT32:
        return need(4, what).getInt();
      case FLOAT32:
        return need(4, what).getFloat();
      case BOOL:
        {
          long at = position();
          byte b = need(1, what).get();
          if (b != 0 && b != 1) {
            throw fail(at, what + " is a BOOL of value " + b);
          }
          return b == 1;
        }
      case STRING:
        return readString(what);
      case UINT64:
      case INT64:
        return need(8, what).getLong();
      case FLOAT64:
        return need(8, what).getDouble();
      case ARRAY:
        {
          if (depth >= MAX_NESTING) {
            throw fail(position(), what + " nests arrays deeper than " + MAX_NESTING);
          }
          GgufValueType elementType = readValueType(position(), what + " element");
          long countAt = position();
          long count = readLong(what + " element count");
          checkCount(countAt, count, elementType.minBytes(), what + " element count");
          List<Object> elements = new ArrayList<>((int) count);
          for (long i = 0; i < count; i++) {
            elements.add(readValue(elementType, what + "[" + i + "]", depth + 1));
          }
          return new GgufArray(elementType, elements);
        }
      default:
        throw new AssertionError(type);
    }
  }

  private String readString(String what) throws IOException {
    long at = position();
    long length = readLong(what + " length");
    if (length < 0 || length > size - position() || length > Integer.MAX_VALUE - 16) {
      throw fail(at, what + " has length " + Long.toUnsignedString(length) + " but only " + (size - position()) + " bytes follow");
    }
    byte[] bytes = new byte[(int) length];
    int done = 0;
    while (done < bytes.length) {
      int chunk = Math.min(bytes.length - done, buffer.capacity());
      need(chunk, what).get(bytes, done, chunk);
      done += chunk;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      // Token strings of byte-level vocabularies may be partial UTF-8; keep them readable.
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private void checkCount(long at, long count, int minBytesEach, String what) {
    long left = size - position();
    if (count < 0 || count > left / minBytesEach) {
      throw fail(at, what + " " + Long.toUnsignedString(count) + " cannot fit in the " + left + " bytes that follow");
    }
  }

  private int readInt(String what) throws IOException {
    return need(4, what).getInt();
  }

  private long readLong(String what) throws IOException {
    return need(8, what).getLong();
  }

  private long position() {
    return bufferStart + buffer.position();
  }

  /** @return the buffer with at least {@code n} bytes remaining, n at most the buffer's capacity */
  private ByteBuffer need(int n, String what) throws IOException {
    if (buffer.remaining() >= n) {
      return buffer;
    }
    long at = position();
    if (size - at < n) {
      throw fail(at, "truncated: " + what + " needs " + n + " bytes, the file ends at byte " + size);
    }
    buffer.compact();
    bufferStart = at;
    while (buffer.position() < n) {
      int read = channel.read(buffer, bufferStart + buffer.position());
      if (read < 0) {
        throw new EOFException(path + ": ended early at byte " + (bufferStart + buffer.position()));
      }
    }
    buffer.flip();
    return buffer;
  }

  private GgufFormatException fail(long at, String message) {
    String where = at >= 0 ? " at byte " + at : "";
    return new GgufFormatException(path + ": " + message + where, at, null);
  }
}
