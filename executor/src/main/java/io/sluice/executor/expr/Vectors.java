package io.sluice.executor.expr;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;

/** Typed bulk reads and writes on Arrow vectors, shared by the kernels. */
final class Vectors {
    private Vectors() {}

    static boolean isIntegral(TypeKind kind) {
        return kind == TypeKind.SMALLINT || kind == TypeKind.INTEGER || kind == TypeKind.BIGINT;
    }

    static boolean isFloating(TypeKind kind) {
        return kind == TypeKind.REAL || kind == TypeKind.DOUBLE;
    }

    static boolean isNumeric(TypeKind kind) {
        return isIntegral(kind) || isFloating(kind);
    }

    static boolean isTemporal(TypeKind kind) {
        return kind == TypeKind.DATE
                || kind == TypeKind.TIME
                || kind == TypeKind.TIMESTAMP
                || kind == TypeKind.TIMESTAMPTZ;
    }

    /** Types held as UTF-8 bytes in a VarCharVector. */
    static boolean isText(TypeKind kind) {
        return kind == TypeKind.TEXT || kind == TypeKind.JSON || kind == TypeKind.UUID;
    }

    static boolean isVariableWidth(TypeKind kind) {
        return isText(kind) || kind == TypeKind.BYTEA;
    }

    static SluiceException unsupported(String message) {
        return new SluiceException(ErrorCode.FEATURE_NOT_SUPPORTED, message);
    }

    /** Empties {@code vector} and makes room for {@code count} values, reusing its buffers. */
    static void prepare(FieldVector vector, int count) {
        if (vector.getValueCapacity() >= Math.max(count, 1)) {
            vector.reset();
        } else {
            vector.clear();
            vector.setInitialCapacity(Math.max(count, 16));
            vector.allocateNew();
        }
    }

    /** Reads integer, date, time and timestamp values as longs. */
    static void readLongs(ValueView view, int count, long[] values, boolean[] nulls) {
        FieldVector vector = view.vector;
        if (vector instanceof BitVector) {
            BitVector bits = (BitVector) vector;
            for (int i = 0; i < count; i++) {
                int p = view.position(i);
                nulls[i] = bits.isNull(p);
                values[i] = nulls[i] ? 0 : bits.get(p);
            }
            return;
        }
        int width = fixedWidth(vector);
        ArrowBuf data = vector.getDataBuffer();
        for (int i = 0; i < count; i++) {
            int p = view.position(i);
            boolean isNull = vector.isNull(p);
            nulls[i] = isNull;
            if (isNull) {
                values[i] = 0;
            } else if (width == 8) {
                values[i] = data.getLong((long) p * 8);
            } else if (width == 4) {
                values[i] = data.getInt((long) p * 4);
            } else {
                values[i] = data.getShort((long) p * 2);
            }
        }
    }

    private static int fixedWidth(FieldVector vector) {
        if (vector instanceof BigIntVector
                || vector instanceof TimeStampVector
                || vector instanceof TimeMicroVector) {
            return 8;
        }
        if (vector instanceof IntVector || vector instanceof DateDayVector) {
            return 4;
        }
        if (vector instanceof SmallIntVector) {
            return 2;
        }
        throw new IllegalStateException("not an integer vector: " + vector.getClass());
    }

    /** Reads numeric values as doubles. */
    static void readDoubles(ValueView view, int count, double[] values, boolean[] nulls) {
        FieldVector vector = view.vector;
        if (vector instanceof Float8Vector) {
            Float8Vector doubles = (Float8Vector) vector;
            for (int i = 0; i < count; i++) {
                int p = view.position(i);
                nulls[i] = doubles.isNull(p);
                values[i] = nulls[i] ? 0 : doubles.get(p);
            }
        } else if (vector instanceof Float4Vector) {
            Float4Vector floats = (Float4Vector) vector;
            for (int i = 0; i < count; i++) {
                int p = view.position(i);
                nulls[i] = floats.isNull(p);
                values[i] = nulls[i] ? 0 : floats.get(p);
            }
        } else {
            long[] longs = new long[count];
            readLongs(view, count, longs, nulls);
            for (int i = 0; i < count; i++) {
                values[i] = longs[i];
            }
        }
    }

    /** Writes longs into an integer, date, time or timestamp vector, checking the range. */
    static void writeLongs(
            FieldVector out, SqlType type, long[] values, boolean[] nulls, int count) {
        prepare(out, count);
        BaseFixedWidthVector vector = (BaseFixedWidthVector) out;
        long min;
        long max;
        switch (type.kind()) {
            case SMALLINT:
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
                break;
            case INTEGER:
            case DATE:
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
                break;
            default:
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
        }
        for (int i = 0; i < count; i++) {
            if (nulls[i]) {
                continue;
            }
            long value = values[i];
            if (value < min || value > max) {
                throw new SluiceException(
                        ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                        type.sqlName().toLowerCase(java.util.Locale.ROOT) + " out of range");
            }
            setLong(vector, i, value);
        }
        out.setValueCount(count);
    }

    private static void setLong(BaseFixedWidthVector vector, int index, long value) {
        if (vector instanceof BigIntVector) {
            ((BigIntVector) vector).set(index, value);
        } else if (vector instanceof IntVector) {
            ((IntVector) vector).set(index, (int) value);
        } else if (vector instanceof SmallIntVector) {
            ((SmallIntVector) vector).set(index, (short) value);
        } else if (vector instanceof DateDayVector) {
            ((DateDayVector) vector).set(index, (int) value);
        } else if (vector instanceof TimeMicroVector) {
            ((TimeMicroVector) vector).set(index, value);
        } else if (vector instanceof TimeStampVector) {
            vector.getDataBuffer().setLong((long) index * 8, value);
            vector.setIndexDefined(index);
        } else {
            throw new IllegalStateException("not an integer vector: " + vector.getClass());
        }
    }

    static void writeDoubles(FieldVector out, double[] values, boolean[] nulls, int count) {
        prepare(out, count);
        if (out instanceof Float8Vector) {
            Float8Vector vector = (Float8Vector) out;
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    vector.set(i, values[i]);
                }
            }
        } else {
            Float4Vector vector = (Float4Vector) out;
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    vector.set(i, (float) values[i]);
                }
            }
        }
        out.setValueCount(count);
    }

    /** Three-valued booleans: {@code 0} false, {@code 1} true, {@code 2} null. */
    static final byte FALSE = 0;

    static final byte TRUE = 1;
    static final byte NULL = 2;

    static void readTruth(ValueView view, int count, byte[] truth) {
        BitVector bits = (BitVector) view.vector;
        for (int i = 0; i < count; i++) {
            int p = view.position(i);
            truth[i] = bits.isNull(p) ? NULL : (byte) bits.get(p);
        }
    }

    static void writeTruth(BitVector out, byte[] truth, int count) {
        prepare(out, count);
        for (int i = 0; i < count; i++) {
            if (truth[i] != NULL) {
                out.set(i, truth[i]);
            }
        }
        out.setValueCount(count);
    }

    static int start(BaseVariableWidthVector vector, int position) {
        return vector.getOffsetBuffer().getInt((long) position * 4);
    }

    static int end(BaseVariableWidthVector vector, int position) {
        return vector.getOffsetBuffer().getInt((long) (position + 1) * 4);
    }

    /** Copies the bytes of one variable-width value into {@code buffer}, growing it as needed. */
    static byte[] bytes(BaseVariableWidthVector vector, int position, byte[] buffer) {
        int start = start(vector, position);
        int length = end(vector, position) - start;
        byte[] target =
                buffer.length >= length ? buffer : new byte[Math.max(length, buffer.length * 2)];
        vector.getDataBuffer().getBytes(start, target, 0, length);
        return target;
    }

    static int[] grow(int[] array, int count) {
        return array.length >= count ? array : new int[Math.max(count, array.length * 2)];
    }

    static long[] grow(long[] array, int count) {
        return array.length >= count ? array : new long[Math.max(count, array.length * 2)];
    }

    static double[] grow(double[] array, int count) {
        return array.length >= count ? array : new double[Math.max(count, array.length * 2)];
    }

    static boolean[] grow(boolean[] array, int count) {
        return array.length >= count ? array : new boolean[Math.max(count, array.length * 2)];
    }

    static byte[] grow(byte[] array, int count) {
        return array.length >= count ? array : new byte[Math.max(count, array.length * 2)];
    }
}
