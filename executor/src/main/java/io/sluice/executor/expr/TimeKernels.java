package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;

/**
 * Date and time functions on microseconds since the epoch (UTC). DATE operands are read as midnight
 * of their day. All are strict: a NULL operand gives NULL.
 */
final class TimeKernels {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private TimeKernels() {}

    /** The units {@code date_trunc} and {@code extract} understand. */
    enum Unit {
        MICROSECOND,
        MILLISECOND,
        SECOND,
        MINUTE,
        HOUR,
        DAY,
        WEEK,
        MONTH,
        QUARTER,
        YEAR,
        DECADE,
        CENTURY,
        MILLENNIUM,
        DOW,
        ISODOW,
        DOY,
        EPOCH;

        static Unit parse(String text) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            if (name.endsWith("S") && !name.equals("DOWS")) {
                name = name.substring(0, name.length() - 1);
            }
            switch (name) {
                case "MICROSECOND":
                case "MILLISECOND":
                case "SECOND":
                case "MINUTE":
                case "HOUR":
                case "DAY":
                case "WEEK":
                case "MONTH":
                case "QUARTER":
                case "YEAR":
                case "DECADE":
                case "CENTURY":
                case "MILLENNIUM":
                case "DOW":
                case "ISODOW":
                case "DOY":
                case "EPOCH":
                    return Unit.valueOf(name);
                case "MILLENNIA":
                case "MILLENNIU":
                    return MILLENNIUM;
                case "CENTURIE":
                    return CENTURY;
                default:
                    throw new SluiceException(
                            ErrorCode.INVALID_OPTION,
                            "unit \"" + text.trim() + "\" not recognized");
            }
        }
    }

    /** {@code date_trunc(unit, t)}: the start of the unit holding {@code t}, same type. */
    static Kernel dateTrunc(Unit unit, SqlType type) {
        if (unit.compareTo(Unit.MILLENNIUM) > 0) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "unit \""
                            + unit.name().toLowerCase(Locale.ROOT)
                            + "\" not supported by date_trunc");
        }
        boolean date = type.kind() == TypeKind.DATE;
        return new LongKernel() {
            @Override
            long compute(long micros) {
                long truncated = truncate(unit, micros);
                return date ? Math.floorDiv(truncated, MICROS_PER_DAY) : truncated;
            }

            @Override
            void write(FieldVector out, long[] values, boolean[] nulls, int count) {
                Vectors.writeLongs(out, type, values, nulls, count);
            }
        };
    }

    static long truncate(Unit unit, long micros) {
        switch (unit) {
            case MICROSECOND:
                return micros;
            case MILLISECOND:
                return micros - Math.floorMod(micros, 1_000L);
            case SECOND:
                return micros - Math.floorMod(micros, MICROS_PER_SECOND);
            case MINUTE:
                return micros - Math.floorMod(micros, 60 * MICROS_PER_SECOND);
            case HOUR:
                return micros - Math.floorMod(micros, 3600 * MICROS_PER_SECOND);
            case DAY:
                return micros - Math.floorMod(micros, MICROS_PER_DAY);
            default:
                break;
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
        LocalDate start;
        switch (unit) {
            case WEEK:
                start = day.minusDays(day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
                break;
            case MONTH:
                start = day.withDayOfMonth(1);
                break;
            case QUARTER:
                start = day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
                break;
            case YEAR:
                start = day.withDayOfYear(1);
                break;
            case DECADE:
                start = LocalDate.of(Math.floorDiv(day.getYear(), 10) * 10, 1, 1);
                break;
            case CENTURY:
                start = LocalDate.of(centuryStart(day.getYear()), 1, 1);
                break;
            case MILLENNIUM:
                start = LocalDate.of(Math.floorDiv(day.getYear() - 1, 1000) * 1000 + 1, 1, 1);
                break;
            default:
                throw new IllegalStateException("unexpected unit " + unit);
        }
        return start.toEpochDay() * MICROS_PER_DAY;
    }

    private static int centuryStart(int year) {
        return Math.floorDiv(year - 1, 100) * 100 + 1;
    }

    /**
     * {@code extract(unit FROM t)}: an integer result truncates fractions (seconds, epoch), a
     * DOUBLE result keeps them.
     */
    static Kernel datePart(Unit unit, SqlType type) {
        boolean integral = Vectors.isIntegral(type.kind());
        return new Kernel() {
            private long[] values = new long[0];
            private double[] doubles = new double[0];
            private boolean[] nulls = new boolean[0];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                values = Vectors.grow(values, count);
                doubles = Vectors.grow(doubles, count);
                nulls = Vectors.grow(nulls, count);
                readMicros(operands[1], count, values, nulls);
                for (int i = 0; i < count; i++) {
                    if (!nulls[i]) {
                        doubles[i] = part(unit, values[i]);
                        values[i] = (long) Math.floor(doubles[i]);
                    }
                }
                if (integral) {
                    Vectors.writeLongs(out, type, values, nulls, count);
                } else {
                    Vectors.writeDoubles(out, doubles, nulls, count);
                }
            }
        };
    }

    static double part(Unit unit, long micros) {
        long microOfSecond = Math.floorMod(micros, MICROS_PER_SECOND);
        long secondOfDay = Math.floorMod(micros, MICROS_PER_DAY) / MICROS_PER_SECOND;
        switch (unit) {
            case MICROSECOND:
                return (secondOfDay % 60) * MICROS_PER_SECOND + microOfSecond;
            case MILLISECOND:
                return ((secondOfDay % 60) * MICROS_PER_SECOND + microOfSecond) / 1000.0;
            case SECOND:
                return (secondOfDay % 60) + microOfSecond / 1e6;
            case MINUTE:
                return (secondOfDay / 60) % 60;
            case HOUR:
                return secondOfDay / 3600;
            case EPOCH:
                return micros / 1e6;
            default:
                break;
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
        switch (unit) {
            case DAY:
                return day.getDayOfMonth();
            case WEEK:
                return day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH:
                return day.getMonthValue();
            case QUARTER:
                return (day.getMonthValue() - 1) / 3 + 1;
            case YEAR:
                return day.getYear();
            case DECADE:
                return Math.floorDiv(day.getYear(), 10);
            case CENTURY:
                return Math.floorDiv(day.getYear() - 1, 100) + 1;
            case MILLENNIUM:
                return Math.floorDiv(day.getYear() - 1, 1000) + 1;
            case DOW:
                return day.getDayOfWeek().getValue() % 7;
            case ISODOW:
                return day.getDayOfWeek().getValue();
            case DOY:
                return day.getDayOfYear();
            default:
                throw new IllegalStateException("unexpected unit " + unit);
        }
    }

    /** {@code to_timestamp(seconds)}: fractional seconds since the epoch. */
    static Kernel toTimestampFromSeconds(SqlType type) {
        return new Kernel() {
            private double[] seconds = new double[0];
            private long[] micros = new long[0];
            private boolean[] nulls = new boolean[0];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                seconds = Vectors.grow(seconds, count);
                micros = Vectors.grow(micros, count);
                nulls = Vectors.grow(nulls, count);
                Vectors.readDoubles(operands[0], count, seconds, nulls);
                for (int i = 0; i < count; i++) {
                    if (!nulls[i]) {
                        double value = seconds[i] * 1e6;
                        if (Double.isNaN(value) || Math.abs(value) >= 9.2e18) {
                            throw new SluiceException(
                                    ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                                    "timestamp out of range: \"" + seconds[i] + "\"");
                        }
                        micros[i] = Math.round(value);
                    }
                }
                Vectors.writeLongs(out, type, micros, nulls, count);
            }
        };
    }

    /** {@code to_timestamp(text)}: ISO-8601 / RFC 3339 text, UTC when it has no offset. */
    static Kernel toTimestampFromText(SqlType type) {
        TextReader reader = new TextReader();
        return new Kernel() {
            private long[] micros = new long[0];
            private boolean[] nulls = new boolean[0];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                micros = Vectors.grow(micros, count);
                nulls = Vectors.grow(nulls, count);
                for (int i = 0; i < count; i++) {
                    nulls[i] = !reader.read(operands[0], i);
                    if (!nulls[i]) {
                        String text = new String(reader.bytes, 0, reader.length, UTF_8);
                        micros[i] = Casts.parseTimestampMicros(text, "timestamp");
                    }
                }
                Vectors.writeLongs(out, type, micros, nulls, count);
            }
        };
    }

    /** {@code epoch_ms(t)}: milliseconds since the epoch. */
    static Kernel epochMillis(SqlType type) {
        return new LongKernel() {
            @Override
            long compute(long micros) {
                return Math.floorDiv(micros, 1000L);
            }

            @Override
            void write(FieldVector out, long[] values, boolean[] nulls, int count) {
                Vectors.writeLongs(out, type, values, nulls, count);
            }
        };
    }

    /** {@code epoch_ms(milliseconds)}: the timestamp that many milliseconds after the epoch. */
    static Kernel fromEpochMillis(SqlType type) {
        return new Kernel() {
            private long[] values = new long[0];
            private boolean[] nulls = new boolean[0];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                values = Vectors.grow(values, count);
                nulls = Vectors.grow(nulls, count);
                Vectors.readLongs(operands[0], count, values, nulls);
                for (int i = 0; i < count; i++) {
                    if (!nulls[i]) {
                        try {
                            values[i] = Math.multiplyExact(values[i], 1000L);
                        } catch (ArithmeticException e) {
                            throw new SluiceException(
                                    ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "timestamp out of range");
                        }
                    }
                }
                Vectors.writeLongs(out, type, values, nulls, count);
            }
        };
    }

    /** {@code now()}: the clock is read once per batch, so every row of a batch agrees. */
    static Kernel now(SqlType type) {
        return new Kernel() {
            private long[] values = new long[0];
            private boolean[] nulls = new boolean[0];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                Instant now = Instant.now();
                long micros = now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / 1000;
                values = Vectors.grow(values, count);
                nulls = Vectors.grow(nulls, count);
                java.util.Arrays.fill(values, 0, count, micros);
                java.util.Arrays.fill(nulls, 0, count, false);
                Vectors.writeLongs(out, type, values, nulls, count);
            }
        };
    }

    /** Reads timestamps as microseconds, and dates as microseconds of their midnight. */
    static void readMicros(ValueView view, int count, long[] values, boolean[] nulls) {
        Vectors.readLongs(view, count, values, nulls);
        if (view.vector instanceof org.apache.arrow.vector.DateDayVector) {
            for (int i = 0; i < count; i++) {
                values[i] *= MICROS_PER_DAY;
            }
        }
    }

    /** A one-operand kernel from microseconds to a long. */
    private abstract static class LongKernel implements Kernel {
        private long[] values = new long[0];
        private boolean[] nulls = new boolean[0];

        @Override
        public final void apply(ValueView[] operands, int count, FieldVector out) {
            ValueView operand = operands[operands.length - 1];
            values = Vectors.grow(values, count);
            nulls = Vectors.grow(nulls, count);
            readMicros(operand, count, values, nulls);
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    values[i] = compute(values[i]);
                }
            }
            write(out, values, nulls, count);
        }

        abstract long compute(long micros);

        abstract void write(FieldVector out, long[] values, boolean[] nulls, int count);
    }
}
