package dev.siam4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged file gives a {@link GgufFormatException} naming the byte offset, never an OOM. */
final class GgufDamagedFileTest {
  @TempDir Path dir;
  private byte[] valid;
  private Path file;

  @BeforeEach
  void writeValidFile() throws IOException {
    // Layout: magic@0, version@4, tensor count@8, kv count@16, key "k" length@24, key@32,
    // type@33, string length@37, "v"@45, then the tensor info: name length@46, "t"@54,
    // dims@55, dim0@59, type@67, offset@71, then padding to 96 and 8 floats of data.
    Path p =
        GgufWriter.create()
            .put("k", GgufValue.string("v"))
            .addTensor("t", GgmlType.F32, List.of(8L), new float[] {1, 2, 3, 4, 5, 6, 7, 8})
            .write(dir.resolve("valid.gguf"));
    valid = Files.readAllBytes(p);
    file = dir.resolve("damaged.gguf");
  }

  private GgufFormatException damaged(byte[] bytes) throws IOException {
    Files.write(file, bytes);
    return catchThrowableOfType(GgufFormatException.class, () -> GgufFile.read(file));
  }

  private byte[] withLong(int at, long value) {
    byte[] b = valid.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    return b;
  }

  private byte[] withInt(int at, int value) {
    byte[] b = valid.clone();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    return b;
  }

  @Test
  void theValidFileReads() {
    assertThat(valid.length).isEqualTo(96 + 32);
    assertThat(GgufFile.read(dir.resolve("valid.gguf")).readFloats("t")).hasSize(8);
  }

  @Test
  void badMagic() throws IOException {
    byte[] b = valid.clone();
    b[0] = 'X';
    GgufFormatException e = damaged(b);
    assertThat(e).hasMessage(file + ": not a GGUF file: magic is 0x46554758, expected 0x46554747 (\"GGUF\") at byte 0");
    assertThat(e.offset()).isZero();
  }

  @Test
  void unsupportedVersion() throws IOException {
    assertThat(damaged(withInt(4, 1))).hasMessage(file + ": unsupported GGUF version 1 (reads 2 and 3) at byte 4");
  }

  @Test
  void absurdTensorCountAllocatesNothing() throws IOException {
    assertThat(damaged(withLong(8, 1L << 60)))
        .hasMessage(file + ": tensor count 1152921504606846976 cannot fit in the 112 bytes that follow at byte 8");
  }

  @Test
  void absurdMetadataCount() throws IOException {
    assertThat(damaged(withLong(16, -1L)))
        .hasMessage(file + ": metadata count 18446744073709551615 cannot fit in the 104 bytes that follow at byte 16");
  }

  @Test
  void absurdStringLength() throws IOException {
    assertThat(damaged(withLong(37, Long.MAX_VALUE)))
        .hasMessage(file + ": metadata k has length 9223372036854775807 but only 83 bytes follow at byte 37");
  }

  @Test
  void absurdArrayCount() throws IOException {
    byte[] arrays =
        Files.readAllBytes(
            GgufWriter.create()
                .put("a", GgufValue.array(GgufValueType.INT64, List.of(1L)))
                .write(dir.resolve("array.gguf")));
    // key length@24, "a"@32, type@33, element type@37, count@41
    ByteBuffer.wrap(arrays).order(ByteOrder.LITTLE_ENDIAN).putLong(41, 1L << 40);
    assertThat(damaged(arrays))
        .hasMessage(file + ": metadata a element count 1099511627776 cannot fit in the 15 bytes that follow at byte 41");
  }

  @Test
  void unknownValueType() throws IOException {
    assertThat(damaged(withInt(33, 99))).hasMessage(file + ": metadata k has an unknown value type 99 at byte 33");
  }

  @Test
  void tooManyDimensions() throws IOException {
    assertThat(damaged(withInt(55, 5)))
        .hasMessage(file + ": tensor t has 5 dimensions (1 to 4 allowed) at byte 55");
  }

  @Test
  void unknownTensorType() throws IOException {
    assertThat(damaged(withInt(67, 4))).hasMessage(file + ": tensor t has an unknown type id 4 at byte 67");
  }

  @Test
  void misalignedTensorData() throws IOException {
    assertThat(damaged(withLong(71, 4)))
        .hasMessage(file + ": tensor t data offset 4 is misaligned (alignment 32) at byte 71");
  }

  @Test
  void tensorDataPastTheEnd() throws IOException {
    assertThat(damaged(Arrays.copyOf(valid, 120)))
        .hasMessage(file + ": tensor t needs bytes 96 to 128 but the file ends at byte 120 (truncated?) at byte 71");
  }

  @Test
  void truncatedHeader() throws IOException {
    GgufFormatException e = damaged(Arrays.copyOf(valid, 70));
    assertThat(e).hasMessage(file + ": truncated: tensor t type needs 4 bytes, the file ends at byte 70 at byte 67");
    assertThat(e.offset()).isEqualTo(67);
  }

  @Test
  void everyTruncationAndEveryByteFlipGivesAFormatErrorOrAValidFile() throws IOException {
    for (int len = 0; len < valid.length; len++) {
      byte[] cut = Arrays.copyOf(valid, len);
      Files.write(file, cut);
      assertThatThrownBy(() -> GgufFile.read(file)).as("cut at %d", len).isInstanceOf(GgufFormatException.class);
    }
    for (int at = 0; at < 96; at++) {
      byte[] b = valid.clone();
      b[at] ^= (byte) 0xA5;
      Files.write(file, b);
      try {
        GgufFile.read(file);
      } catch (GgufFormatException expected) {
        assertThat(expected.offset()).as("flip at %d", at).isBetween(-1L, (long) valid.length);
      }
    }
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> GgufFile.read(dir.resolve("none.gguf")))
        .isInstanceOf(dev.siam4j.core.FileAccessException.class)
        .hasMessage(dir.resolve("none.gguf") + ": no such file");
  }
}
