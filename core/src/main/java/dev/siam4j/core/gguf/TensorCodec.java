package dev.siam4j.core.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes floats to and decodes them from F32, F16, BF16 and Q8_0 tensor data (little-endian). */
final class TensorCodec {
  private TensorCodec() {}

  static byte[] encode(float[] values, GgmlType type) {
    int n = values.length;
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(type.byteSize(n))).order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32:
        for (float v : values) {
          out.putFloat(v);
        }
        break;
      case F16:
        for (float v : values) {
          out.putShort(toHalf(v));
        }
        break;
      case BF16:
        for (float v : values) {
          out.putShort(toBfloat16(v));
        }
        break;
      case Q8_0:
        for (int b = 0; b < n; b += 32) {
          float amax = 0;
          for (int i = b; i < b + 32; i++) {
            amax = Math.max(amax, Math.abs(values[i]));
          }
          float d = amax / 127f;
          short dHalf = toHalf(d);
          // Quantize against the scale as stored, so decoding reproduces the rounding exactly.
          float stored = fromHalf(dHalf);
          float id = stored == 0f ? 0f : 1f / stored;
          out.putShort(dHalf);
          for (int i = b; i < b + 32; i++) {
            int q = Math.round(values[i] * id);
            out.put((byte) Math.max(-127, Math.min(127, q)));
          }
        }
        break;
      default:
        throw new IllegalArgumentException("cannot encode floats as " + type);
    }
    return out.array();
  }

  static float[] decode(ByteBuffer data, GgmlType type, int n) {
    ByteBuffer in = data.order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[n];
    switch (type) {
      case F32:
        for (int i = 0; i < n; i++) {
          out[i] = in.getFloat();
        }
        break;
      case F16:
        for (int i = 0; i < n; i++) {
          out[i] = fromHalf(in.getShort());
        }
        break;
      case BF16:
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
        }
        break;
      case Q8_0:
        for (int b = 0; b < n; b += 32) {
          float d = fromHalf(in.getShort());
          for (int i = b; i < b + 32; i++) {
            out[i] = in.get() * d;
          }
        }
        break;
      default:
        throw new IllegalArgumentException("cannot decode " + type + " to floats");
    }
    return out;
  }

  /** Round to nearest even, as ggml's {@code GGML_FP32_TO_BF16}; NaN stays a quiet NaN. */
  static short toBfloat16(float v) {
    int bits = Float.floatToRawIntBits(v);
    if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
      return (short) ((bits >>> 16) | 64);
    }
    return (short) ((bits + (0x7FFF + ((bits >>> 16) & 1))) >>> 16);
  }

  /** IEEE 754 binary16 from a float, rounding to nearest even. */
  static short toHalf(float v) {
    int bits = Float.floatToRawIntBits(v);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7F_FFFF;
    if (exp == 0xFF) {
      return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      mant |= 0x80_0000;
      int shift = 14 - e;
      int half = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }

  /** A float from IEEE 754 binary16 bits. */
  static float fromHalf(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      float v = mant / 1024f / 16384f;
      return sign != 0 ? -v : v;
    }
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
