package dev.siam4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GgufRoundTripTest {
  @TempDir Path dir;

  @Test
  void everyMetadataTypeAndArraysRoundTrip() {
    Map<String, GgufValue> m = new LinkedHashMap<>();
    m.put("u8", GgufValue.uint8(255));
    m.put("i8", GgufValue.int8((byte) -128));
    m.put("u16", GgufValue.uint16(65535));
    m.put("i16", GgufValue.int16((short) -32768));
    m.put("u32", GgufValue.uint32(0xFFFF_FFFFL));
    m.put("i32", GgufValue.int32(Integer.MIN_VALUE));
    m.put("f32", GgufValue.float32(1.5f));
    m.put("bool", GgufValue.bool(true));
    m.put("str", GgufValue.string("héllo ▁ \n"));
    m.put("u64", GgufValue.uint64(-1L));
    m.put("i64", GgufValue.int64(Long.MIN_VALUE));
    m.put("f64", GgufValue.float64(Math.PI));
    m.put("empty", GgufValue.array(GgufValueType.INT32, List.of()));
    m.put("strings", GgufValue.strings(List.of("a", "", "c")));
    m.put("floats", GgufValue.array(GgufValueType.FLOAT32, List.of(1f, -2f)));
    m.put(
        "nested",
        GgufValue.array(
            GgufValueType.ARRAY,
            List.of(
                GgufArray.of(GgufValueType.UINT8, List.of(1, 2)),
                GgufArray.of(GgufValueType.BOOL, List.of(false)))));
    Path file = GgufWriter.create().putAll(m).write(dir.resolve("meta.gguf"));

    GgufFile read = GgufFile.read(file);

    assertThat(read.version()).isEqualTo(3);
    assertThat(read.metadata()).containsExactlyEntriesOf(m);
    assertThat(read.tensors()).isEmpty();
    assertThat(read.get("u64").orElseThrow().asLong()).isEqualTo(-1L);
    assertThat(read.get("strings").orElseThrow().asArray().asStrings()).containsExactly("a", "", "c");
  }

  @Test
  void floatTensorsRoundTripInEachCodec() {
    SplittableRandom r = new SplittableRandom(7);
    float[] values = new float[64 * 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (r.nextDouble() * 4 - 2);
    }
    Path file =
        GgufWriter.create()
            .addTensor("f32", GgmlType.F32, List.of(64L, 3L), values)
            .addTensor("f16", GgmlType.F16, List.of(64L, 3L), values)
            .addTensor("bf16", GgmlType.BF16, List.of(64L, 3L), values)
            .addTensor("q8", GgmlType.Q8_0, List.of(64L, 3L), values)
            .write(dir.resolve("t.gguf"));

    GgufFile read = GgufFile.read(file);

    assertThat(read.tensors())
        .extracting(GgufTensorInfo::name, GgufTensorInfo::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("f32", GgmlType.F32),
            org.assertj.core.groups.Tuple.tuple("f16", GgmlType.F16),
            org.assertj.core.groups.Tuple.tuple("bf16", GgmlType.BF16),
            org.assertj.core.groups.Tuple.tuple("q8", GgmlType.Q8_0));
    assertThat(read.tensor("q8").orElseThrow().shape()).containsExactly(64L, 3L);
    assertThat(read.readFloats("f32")).containsExactly(values);
    float[] f16 = read.readFloats("f16");
    float[] bf16 = read.readFloats("bf16");
    float[] q8 = read.readFloats("q8");
    for (int i = 0; i < values.length; i++) {
      assertThat(f16[i]).isCloseTo(values[i], within(2e-3f));
      assertThat(bf16[i]).isCloseTo(values[i], within(1.6e-2f));
      assertThat(q8[i]).isCloseTo(values[i], within(2f / 127 * 0.51f + 1e-3f));
    }
    for (GgufTensorInfo t : read.tensors()) {
      assertThat((read.dataOffset() + t.offset()) % 32).as(t.name()).isZero();
    }
  }

  @Test
  void alignmentFromMetadataIsUsed() {
    Path file =
        GgufWriter.create()
            .put("general.alignment", GgufValue.uint32(256))
            .addTensor("a", GgmlType.F32, List.of(3L), new float[] {1, 2, 3})
            .addTensor("b", GgmlType.F32, List.of(5L), new float[] {4, 5, 6, 7, 8})
            .write(dir.resolve("aligned.gguf"));

    GgufFile read = GgufFile.read(file);

    assertThat(read.alignment()).isEqualTo(256);
    assertThat(read.dataOffset() % 256).isZero();
    assertThat(read.tensor("b").orElseThrow().offset()).isEqualTo(256);
    assertThat(read.readFloats("b")).containsExactly(4, 5, 6, 7, 8);
  }

  @Test
  void tensorTableOfAnyTypeIsRead() {
    byte[] q4k = new byte[144 * 2];
    q4k[0] = 42;
    Path file =
        GgufWriter.create()
            .addTensorBytes("k", GgmlType.Q4_K, List.of(256L, 2L), q4k)
            .addTensorBytes("i", GgmlType.I32, List.of(2L), new byte[] {1, 0, 0, 0, 2, 0, 0, 0})
            .write(dir.resolve("quant.gguf"));

    GgufFile read = GgufFile.read(file);

    GgufTensorInfo k = read.tensor("k").orElseThrow();
    assertThat(k.type()).isEqualTo(GgmlType.Q4_K);
    assertThat(k.byteSize()).isEqualTo(288);
    assertThat(read.readBytes("k")).isEqualTo(q4k);
    assertThatThrownBy(() -> read.readFloats("k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": tensor k is Q4_K; floats are decoded from F32, F16, BF16 and Q8_0");
  }

  @Test
  void writerRejectsMisuse() {
    GgufWriter w = GgufWriter.create().put("a", GgufValue.int32(1));
    assertThatThrownBy(() -> w.put("a", GgufValue.int32(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("metadata a is already set to 1");
    assertThatThrownBy(() -> w.put("general.alignment", GgufValue.uint32(48)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("general.alignment must be a UINT32 power of two, was UINT32 48");
    assertThatThrownBy(() -> w.addTensor("t", GgmlType.F32, List.of(2L, 2L), new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tensor t of shape [2, 2] holds 4 elements, got 3");
    assertThatThrownBy(() -> w.addTensor("t", GgmlType.Q8_0, List.of(16L), new float[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tensor t: its first dimension 16 is not a multiple of Q8_0's block size 32");
    assertThatThrownBy(() -> w.addTensor("t", GgmlType.Q4_0, List.of(32L), new float[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("floats are encoded as F32, F16, BF16 or Q8_0, not Q4_0");
    assertThatThrownBy(() -> GgufValue.uint8(256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a UINT8 value cannot be Integer 256");
  }

  @Test
  void halfPrecisionConversionsMatchIeee() {
    assertThat(TensorCodec.toHalf(1f)).isEqualTo((short) 0x3C00);
    assertThat(TensorCodec.toHalf(-2f)).isEqualTo((short) 0xC000);
    assertThat(TensorCodec.toHalf(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(TensorCodec.toHalf(1e6f)).isEqualTo((short) 0x7C00);
    assertThat(TensorCodec.toHalf(5.9604645e-8f)).isEqualTo((short) 0x0001);
    assertThat(TensorCodec.fromHalf((short) 0x0001)).isEqualTo(5.9604645e-8f);
    assertThat(TensorCodec.fromHalf((short) 0x3555)).isCloseTo(0.33325195f, within(1e-8f));
    assertThat(Float.isNaN(TensorCodec.fromHalf(TensorCodec.toHalf(Float.NaN)))).isTrue();
    assertThat(TensorCodec.toBfloat16(1f)).isEqualTo((short) 0x3F80);
    // 1 + 2^-8 is halfway between two bfloat16 values: rounds to even (1.0).
    assertThat(TensorCodec.toBfloat16(1.00390625f)).isEqualTo((short) 0x3F80);
    for (int h = 0; h < 0x7C00; h++) {
      assertThat(TensorCodec.toHalf(TensorCodec.fromHalf((short) h))).isEqualTo((short) h);
    }
  }

  @Test
  void writingWhereNoFileCanBeIsAFileAccessExceptionNamingThePath() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
    Path target = notAFolder.resolve("m.gguf");
    assertThatThrownBy(() -> GgufWriter.create().put("a", GgufValue.int32(1)).write(target))
        .isInstanceOf(dev.siam4j.core.FileAccessException.class)
        .hasMessageStartingWith(target + ": cannot write GGUF: ")
        .satisfies(e -> assertThat(((dev.siam4j.core.FileAccessException) e).file()).isEqualTo(target));
  }
}
