package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Conversion to the call's type; the conversion is chosen when the expression is compiled. */
final class CastNode extends ExprNode {
    private enum Conversion {
        COPY,
        LONG_TO_LONG,
        TO_DOUBLE,
        DOUBLE_TO_LONG,
        DATE_TO_TIMESTAMP,
        TIMESTAMP_TO_DATE,
        TEXT_TO_LONG,
        TEXT_TO_DOUBLE,
        TEXT_TO_BOOLEAN,
        TEXT_TO_TIMESTAMP,
        TEXT_TO_DATE,
        TO_TEXT
    }

    private final ExprNode operand;
    private final Conversion conversion;
    private final FieldVector out;
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private boolean[] nulls = new boolean[0];
    private byte[] buffer = new byte[64];

    private CastNode(
            ExprNode operand, SqlType type, Conversion conversion, BufferAllocator allocator) {
        super(type);
        this.operand = operand;
        this.conversion = conversion;
        this.out = type.toArrowField("cast").createVector(allocator);
    }

    static ExprNode create(ExprNode operand, SqlType target, BufferAllocator allocator) {
        TypeKind from = operand.type.kind();
        TypeKind to = target.kind();
        return new CastNode(operand, target, conversion(from, to), allocator);
    }

    private static Conversion conversion(TypeKind from, TypeKind to) {
        if (from == to
                || (Vectors.isText(from) && Vectors.isText(to))
                || (isTimestamp(from) && isTimestamp(to))) {
            return from == to || Vectors.isText(from) ? Conversion.COPY : Conversion.LONG_TO_LONG;
        }
        if (Vectors.isIntegral(from) && Vectors.isIntegral(to)) {
            return Conversion.LONG_TO_LONG;
        }
        if (Vectors.isNumeric(from) && Vectors.isFloating(to)) {
            return Conversion.TO_DOUBLE;
        }
        if (Vectors.isFloating(from) && Vectors.isIntegral(to)) {
            return Conversion.DOUBLE_TO_LONG;
        }
        if (from == TypeKind.DATE && isTimestamp(to)) {
            return Conversion.DATE_TO_TIMESTAMP;
        }
        if (isTimestamp(from) && to == TypeKind.DATE) {
            return Conversion.TIMESTAMP_TO_DATE;
        }
        if (from == TypeKind.TEXT) {
            if (Vectors.isIntegral(to)) {
                return Conversion.TEXT_TO_LONG;
            }
            if (Vectors.isFloating(to)) {
                return Conversion.TEXT_TO_DOUBLE;
            }
            if (to == TypeKind.BOOLEAN) {
                return Conversion.TEXT_TO_BOOLEAN;
            }
            if (isTimestamp(to)) {
                return Conversion.TEXT_TO_TIMESTAMP;
            }
            if (to == TypeKind.DATE) {
                return Conversion.TEXT_TO_DATE;
            }
        }
        if (to == TypeKind.TEXT
                && (Vectors.isNumeric(from)
                        || from == TypeKind.BOOLEAN
                        || Vectors.isTemporal(from))) {
            return Conversion.TO_TEXT;
        }
        throw Vectors.unsupported("cannot cast " + from + " to " + to);
    }

    private static boolean isTimestamp(TypeKind kind) {
        return kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ;
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        ValueView in = operand.evaluate(input, rows, count);
        longs = Vectors.grow(longs, count);
        doubles = Vectors.grow(doubles, count);
        nulls = Vectors.grow(nulls, count);
        switch (conversion) {
            case COPY:
                Vectors.prepare(out, count);
                for (int i = 0; i < count; i++) {
                    out.copyFromSafe(in.position(i), i, in.vector);
                }
                out.setValueCount(count);
                break;
            case LONG_TO_LONG:
                Vectors.readLongs(in, count, longs, nulls);
                Vectors.writeLongs(out, type, longs, nulls, count);
                break;
            case TO_DOUBLE:
                Vectors.readDoubles(in, count, doubles, nulls);
                Vectors.writeDoubles(out, doubles, nulls, count);
                break;
            case DOUBLE_TO_LONG:
                Vectors.readDoubles(in, count, doubles, nulls);
                for (int i = 0; i < count; i++) {
                    double value = Math.rint(doubles[i]);
                    if (!nulls[i] && (Double.isNaN(value) || Math.abs(value) > 9.2e18)) {
                        throw new SluiceException(
                                ErrorCode.DATA_EXCEPTION,
                                type.sqlName().toLowerCase(Locale.ROOT) + " out of range");
                    }
                    longs[i] = (long) value;
                }
                Vectors.writeLongs(out, type, longs, nulls, count);
                break;
            case DATE_TO_TIMESTAMP:
                Vectors.readLongs(in, count, longs, nulls);
                for (int i = 0; i < count; i++) {
                    longs[i] = longs[i] * Casts.MICROS_PER_DAY;
                }
                Vectors.writeLongs(out, type, longs, nulls, count);
                break;
            case TIMESTAMP_TO_DATE:
                Vectors.readLongs(in, count, longs, nulls);
                for (int i = 0; i < count; i++) {
                    longs[i] = Math.floorDiv(longs[i], Casts.MICROS_PER_DAY);
                }
                Vectors.writeLongs(out, type, longs, nulls, count);
                break;
            case TEXT_TO_LONG:
                parseLongs(in, count);
                Vectors.writeLongs(out, type, longs, nulls, count);
                break;
            case TEXT_TO_DOUBLE:
                fromStrings(in, count);
                Vectors.writeDoubles(out, doubles, nulls, count);
                break;
            case TEXT_TO_BOOLEAN:
                fromStrings(in, count);
                Vectors.prepare(out, count);
                for (int i = 0; i < count; i++) {
                    if (!nulls[i]) {
                        ((BitVector) out).set(i, (int) longs[i]);
                    }
                }
                out.setValueCount(count);
                break;
            case TEXT_TO_TIMESTAMP:
            case TEXT_TO_DATE:
                fromStrings(in, count);
                Vectors.writeLongs(out, type, longs, nulls, count);
                break;
            case TO_TEXT:
                toText(in, count);
                break;
            default:
                throw new IllegalStateException("unknown conversion " + conversion);
        }
        return new ValueView(out, null);
    }

    /** Parses integers straight from the UTF-8 bytes: the common case needs no String. */
    private void parseLongs(ValueView in, int count) {
        BaseVariableWidthVector text = (BaseVariableWidthVector) in.vector;
        for (int i = 0; i < count; i++) {
            int p = in.position(i);
            nulls[i] = text.isNull(p);
            if (nulls[i]) {
                continue;
            }
            int length = Vectors.end(text, p) - Vectors.start(text, p);
            buffer = Vectors.bytes(text, p, buffer);
            longs[i] = parseLong(buffer, length);
        }
    }

    private long parseLong(byte[] bytes, int length) {
        int start = 0;
        int end = length;
        while (start < end && bytes[start] == ' ') {
            start++;
        }
        while (end > start && bytes[end - 1] == ' ') {
            end--;
        }
        boolean negative = false;
        if (start < end && (bytes[start] == '-' || bytes[start] == '+')) {
            negative = bytes[start] == '-';
            start++;
        }
        if (start == end) {
            throw invalidText(bytes, length);
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw invalidText(bytes, length);
            }
            // accumulate negatively so Long.MIN_VALUE parses
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new SluiceException(
                        ErrorCode.DATA_EXCEPTION,
                        "value \""
                                + new String(bytes, 0, length, UTF_8)
                                + "\" is out of range for type "
                                + type.sqlName().toLowerCase(Locale.ROOT));
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw new SluiceException(
                        ErrorCode.DATA_EXCEPTION,
                        type.sqlName().toLowerCase(Locale.ROOT) + " out of range");
            }
            value = -value;
        }
        return value;
    }

    private SluiceException invalidText(byte[] bytes, int length) {
        return Casts.invalid(
                type.sqlName().toLowerCase(Locale.ROOT), new String(bytes, 0, length, UTF_8));
    }

    private void fromStrings(ValueView in, int count) {
        BaseVariableWidthVector text = (BaseVariableWidthVector) in.vector;
        String typeName = type.sqlName().toLowerCase(Locale.ROOT);
        for (int i = 0; i < count; i++) {
            int p = in.position(i);
            nulls[i] = text.isNull(p);
            if (nulls[i]) {
                continue;
            }
            String value = new String(text.get(p), UTF_8);
            switch (conversion) {
                case TEXT_TO_DOUBLE:
                    doubles[i] = parseDouble(value);
                    break;
                case TEXT_TO_BOOLEAN:
                    longs[i] = Casts.parseBoolean(value) ? 1 : 0;
                    break;
                case TEXT_TO_TIMESTAMP:
                    longs[i] = Casts.parseTimestampMicros(value, typeName);
                    break;
                case TEXT_TO_DATE:
                    longs[i] = Casts.parseDate(value);
                    break;
                default:
                    throw new IllegalStateException("not a text conversion: " + conversion);
            }
        }
    }

    private double parseDouble(String value) {
        String trimmed = value.trim();
        char last = trimmed.isEmpty() ? ' ' : trimmed.charAt(trimmed.length() - 1);
        // Java accepts a trailing type suffix (1.5d); SQL does not
        if (Character.isLetter(last) && !trimmed.endsWith("Infinity") && !trimmed.equals("NaN")) {
            throw Casts.invalid(type.sqlName().toLowerCase(Locale.ROOT), value);
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw Casts.invalid(type.sqlName().toLowerCase(Locale.ROOT), value);
        }
    }

    private void toText(ValueView in, int count) {
        TypeKind from = operand.type.kind();
        if (Vectors.isFloating(from)) {
            Vectors.readDoubles(in, count, doubles, nulls);
        } else {
            Vectors.readLongs(in, count, longs, nulls);
        }
        VarCharVector text = (VarCharVector) out;
        Vectors.prepare(text, count);
        for (int i = 0; i < count; i++) {
            if (nulls[i]) {
                continue;
            }
            String value;
            switch (from) {
                case REAL:
                case DOUBLE:
                    value = Casts.formatDouble(doubles[i]);
                    break;
                case BOOLEAN:
                    value = longs[i] != 0 ? "true" : "false";
                    break;
                case DATE:
                    value = Casts.formatDate(longs[i]);
                    break;
                case TIME:
                    value = Casts.formatTime(longs[i]);
                    break;
                case TIMESTAMP:
                    value = Casts.formatTimestamp(longs[i], false);
                    break;
                case TIMESTAMPTZ:
                    value = Casts.formatTimestamp(longs[i], true);
                    break;
                default:
                    value = Long.toString(longs[i]);
            }
            text.setSafe(i, value.getBytes(UTF_8));
        }
        text.setValueCount(count);
    }

    @Override
    public void close() {
        out.close();
        operand.close();
    }
}
