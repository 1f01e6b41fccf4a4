package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text and binary codecs of the scalar {@link PgType}s. */
final class TypeCodecs {
    /** Postgres counts dates and timestamps from 2000-01-01. */
    private static final long PG_EPOCH_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();

    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    private static final Pattern DATE_TIME_PATTERN =
            Pattern.compile(
                    "\\s*(\\d{4,})-(\\d{1,2})-(\\d{1,2})"
                            + "(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9})\\d*)?)?)?"
                            + "\\s*(Z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)?\\s*");

    private static final Pattern TIME_PATTERN =
            Pattern.compile("\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9})\\d*)?)?\\s*");

    private TypeCodecs() {}

    /** Converts between Java values and both wire formats of one type. */
    interface Codec<T> {
        /** Brings an accepted Java value (or its text) to the canonical Java type. */
        T coerce(Object value);

        T parseText(String text);

        String formatText(T value);

        byte[] toBinary(T value);

        T fromBinary(byte[] bytes);
    }

    /** A codec whose canonical value is parsed from a String when one is given. */
    private abstract static class BaseCodec<T> implements Codec<T> {
        private final Class<T> javaType;

        BaseCodec(Class<T> javaType) {
            this.javaType = javaType;
        }

        @Override
        public final T coerce(Object value) {
            if (javaType.isInstance(value)) {
                return javaType.cast(value);
            }
            if (value instanceof String text) {
                return parseText(text);
            }
            T converted = convert(value);
            if (converted == null) {
                throw new IllegalArgumentException(
                        "cannot encode "
                                + value.getClass().getName()
                                + " as "
                                + javaType.getName());
            }
            return converted;
        }

        /** Converts other accepted Java types, or returns null. */
        T convert(Object value) {
            return null;
        }
    }

    static final Codec<Boolean> BOOL =
            new BaseCodec<>(Boolean.class) {
                @Override
                public Boolean parseText(String text) {
                    return switch (text.trim().toLowerCase(Locale.ROOT)) {
                        case "t", "true", "y", "yes", "on", "1" -> true;
                        case "f", "false", "n", "no", "off", "0" -> false;
                        default -> throw new IllegalArgumentException("not a boolean: " + text);
                    };
                }

                @Override
                public String formatText(Boolean value) {
                    return value ? "t" : "f";
                }

                @Override
                public byte[] toBinary(Boolean value) {
                    return new byte[] {(byte) (value ? 1 : 0)};
                }

                @Override
                public Boolean fromBinary(byte[] bytes) {
                    checkLength(bytes, 1);
                    return bytes[0] != 0;
                }
            };

    static final Codec<Short> INT2 =
            new BaseCodec<>(Short.class) {
                @Override
                Short convert(Object value) {
                    if (value instanceof Number number) {
                        long v = integral(number);
                        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                            throw new IllegalArgumentException("smallint out of range: " + v);
                        }
                        return (short) v;
                    }
                    return null;
                }

                @Override
                public Short parseText(String text) {
                    return Short.parseShort(text.trim());
                }

                @Override
                public String formatText(Short value) {
                    return value.toString();
                }

                @Override
                public byte[] toBinary(Short value) {
                    return ByteBuffer.allocate(2).putShort(value).array();
                }

                @Override
                public Short fromBinary(byte[] bytes) {
                    checkLength(bytes, 2);
                    return ByteBuffer.wrap(bytes).getShort();
                }
            };

    static final Codec<Integer> INT4 =
            new BaseCodec<>(Integer.class) {
                @Override
                Integer convert(Object value) {
                    if (value instanceof Number number) {
                        return Math.toIntExact(integral(number));
                    }
                    return null;
                }

                @Override
                public Integer parseText(String text) {
                    return Integer.parseInt(text.trim());
                }

                @Override
                public String formatText(Integer value) {
                    return value.toString();
                }

                @Override
                public byte[] toBinary(Integer value) {
                    return ByteBuffer.allocate(4).putInt(value).array();
                }

                @Override
                public Integer fromBinary(byte[] bytes) {
                    checkLength(bytes, 4);
                    return ByteBuffer.wrap(bytes).getInt();
                }
            };

    static final Codec<Long> INT8 = new Int8Codec(false);

    /** An oid is an unsigned 32-bit integer, held as a Long. */
    static final Codec<Long> OID = new Int8Codec(true);

    private static final class Int8Codec extends BaseCodec<Long> {
        private final boolean unsigned32;

        Int8Codec(boolean unsigned32) {
            super(Long.class);
            this.unsigned32 = unsigned32;
        }

        @Override
        Long convert(Object value) {
            if (value instanceof Number number) {
                return integral(number);
            }
            return null;
        }

        @Override
        public Long parseText(String text) {
            return Long.parseLong(text.trim());
        }

        @Override
        public String formatText(Long value) {
            return value.toString();
        }

        @Override
        public byte[] toBinary(Long value) {
            if (unsigned32) {
                return ByteBuffer.allocate(4).putInt((int) value.longValue()).array();
            }
            return ByteBuffer.allocate(8).putLong(value).array();
        }

        @Override
        public Long fromBinary(byte[] bytes) {
            if (unsigned32) {
                checkLength(bytes, 4);
                return Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt());
            }
            checkLength(bytes, 8);
            return ByteBuffer.wrap(bytes).getLong();
        }
    }

    static final Codec<Float> FLOAT4 =
            new BaseCodec<>(Float.class) {
                @Override
                Float convert(Object value) {
                    return value instanceof Number number ? number.floatValue() : null;
                }

                @Override
                public Float parseText(String text) {
                    return Float.parseFloat(floatLiteral(text));
                }

                @Override
                public String formatText(Float value) {
                    return formatFloat(value.doubleValue(), Float.toString(value));
                }

                @Override
                public byte[] toBinary(Float value) {
                    return ByteBuffer.allocate(4).putFloat(value).array();
                }

                @Override
                public Float fromBinary(byte[] bytes) {
                    checkLength(bytes, 4);
                    return ByteBuffer.wrap(bytes).getFloat();
                }
            };

    static final Codec<Double> FLOAT8 =
            new BaseCodec<>(Double.class) {
                @Override
                Double convert(Object value) {
                    return value instanceof Number number ? number.doubleValue() : null;
                }

                @Override
                public Double parseText(String text) {
                    return Double.parseDouble(floatLiteral(text));
                }

                @Override
                public String formatText(Double value) {
                    return formatFloat(value, Double.toString(value));
                }

                @Override
                public byte[] toBinary(Double value) {
                    return ByteBuffer.allocate(8).putDouble(value).array();
                }

                @Override
                public Double fromBinary(byte[] bytes) {
                    checkLength(bytes, 8);
                    return ByteBuffer.wrap(bytes).getDouble();
                }
            };

    static final Codec<BigDecimal> NUMERIC = new NumericCodec();

    /** Binary numeric: base-10000 digits with a weight, sign and display scale. */
    private static final class NumericCodec extends BaseCodec<BigDecimal> {
        private static final int POSITIVE = 0x0000;
        private static final int NEGATIVE = 0x4000;
        private static final int NAN = 0xC000;

        NumericCodec() {
            super(BigDecimal.class);
        }

        @Override
        BigDecimal convert(Object value) {
            if (value instanceof BigInteger integer) {
                return new BigDecimal(integer);
            }
            if (value instanceof Double || value instanceof Float) {
                return BigDecimal.valueOf(((Number) value).doubleValue());
            }
            if (value instanceof Number number) {
                return BigDecimal.valueOf(integral(number));
            }
            return null;
        }

        @Override
        public BigDecimal parseText(String text) {
            return new BigDecimal(text.trim());
        }

        @Override
        public String formatText(BigDecimal value) {
            return value.toPlainString();
        }

        @Override
        public byte[] toBinary(BigDecimal value) {
            BigDecimal abs = value.abs();
            int scale = Math.max(abs.scale(), 0);
            String digits =
                    abs.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().toString();
            int integerLength = Math.max(digits.length() - scale, 0);
            String integerPart = digits.substring(0, integerLength);
            String fractionPart =
                    "0".repeat(Math.max(scale - digits.length(), 0))
                            + digits.substring(integerLength);
            integerPart = "0".repeat((4 - integerPart.length() % 4) % 4) + integerPart;
            fractionPart = fractionPart + "0".repeat((4 - fractionPart.length() % 4) % 4);
            List<Short> groups = new ArrayList<>();
            for (int i = 0; i < integerPart.length(); i += 4) {
                groups.add(Short.parseShort(integerPart.substring(i, i + 4)));
            }
            int weight = groups.size() - 1;
            for (int i = 0; i < fractionPart.length(); i += 4) {
                groups.add(Short.parseShort(fractionPart.substring(i, i + 4)));
            }
            while (!groups.isEmpty() && groups.get(0) == 0) {
                groups.remove(0);
                weight--;
            }
            while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
                groups.remove(groups.size() - 1);
            }
            if (groups.isEmpty()) {
                weight = 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate(8 + 2 * groups.size());
            buffer.putShort((short) groups.size());
            buffer.putShort((short) weight);
            buffer.putShort((short) (value.signum() < 0 ? NEGATIVE : POSITIVE));
            buffer.putShort((short) scale);
            groups.forEach(buffer::putShort);
            return buffer.array();
        }

        @Override
        public BigDecimal fromBinary(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int count = buffer.getShort();
            int weight = buffer.getShort();
            int sign = buffer.getShort() & 0xFFFF;
            int scale = buffer.getShort();
            if (sign == NAN) {
                throw new IllegalArgumentException("NaN is not supported for numeric");
            }
            BigDecimal result = BigDecimal.ZERO;
            for (int i = 0; i < count; i++) {
                BigDecimal digit = BigDecimal.valueOf(buffer.getShort());
                result = result.add(digit.scaleByPowerOfTen(4 * (weight - i)));
            }
            result = result.setScale(scale, RoundingMode.HALF_UP);
            return sign == NEGATIVE ? result.negate() : result;
        }
    }

    static final Codec<String> TEXT = new TextCodec(false);

    /** jsonb's binary form is a version byte followed by the JSON text. */
    static final Codec<String> JSONB = new TextCodec(true);

    private static final class TextCodec implements Codec<String> {
        private final boolean versioned;

        TextCodec(boolean versioned) {
            this.versioned = versioned;
        }

        @Override
        public String coerce(Object value) {
            return value.toString();
        }

        @Override
        public String parseText(String text) {
            return text;
        }

        @Override
        public String formatText(String value) {
            return value;
        }

        @Override
        public byte[] toBinary(String value) {
            byte[] text = value.getBytes(UTF_8);
            if (!versioned) {
                return text;
            }
            byte[] bytes = new byte[text.length + 1];
            bytes[0] = 1;
            System.arraycopy(text, 0, bytes, 1, text.length);
            return bytes;
        }

        @Override
        public String fromBinary(byte[] bytes) {
            if (!versioned) {
                return new String(bytes, UTF_8);
            }
            if (bytes.length == 0 || bytes[0] != 1) {
                throw new IllegalArgumentException("unsupported jsonb version");
            }
            return new String(bytes, 1, bytes.length - 1, UTF_8);
        }
    }

    static final Codec<byte[]> BYTEA =
            new BaseCodec<>(byte[].class) {
                @Override
                public byte[] parseText(String text) {
                    if (text.startsWith("\\x")) {
                        return HexFormat.of().parseHex(text.substring(2));
                    }
                    return parseEscapedBytea(text);
                }

                @Override
                public String formatText(byte[] value) {
                    return "\\x" + HexFormat.of().formatHex(value);
                }

                @Override
                public byte[] toBinary(byte[] value) {
                    return value;
                }

                @Override
                public byte[] fromBinary(byte[] bytes) {
                    return bytes;
                }
            };

    static final Codec<java.util.UUID> UUID =
            new BaseCodec<>(java.util.UUID.class) {
                @Override
                public java.util.UUID parseText(String text) {
                    return java.util.UUID.fromString(text.trim());
                }

                @Override
                public String formatText(java.util.UUID value) {
                    return value.toString();
                }

                @Override
                public byte[] toBinary(java.util.UUID value) {
                    return ByteBuffer.allocate(16)
                            .putLong(value.getMostSignificantBits())
                            .putLong(value.getLeastSignificantBits())
                            .array();
                }

                @Override
                public java.util.UUID fromBinary(byte[] bytes) {
                    checkLength(bytes, 16);
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new java.util.UUID(buffer.getLong(), buffer.getLong());
                }
            };

    static final Codec<LocalDate> DATE =
            new BaseCodec<>(LocalDate.class) {
                @Override
                LocalDate convert(Object value) {
                    if (value instanceof LocalDateTime dateTime) {
                        return dateTime.toLocalDate();
                    }
                    return null;
                }

                @Override
                public LocalDate parseText(String text) {
                    Matcher matcher = matchDateTime(text);
                    return date(matcher);
                }

                @Override
                public String formatText(LocalDate value) {
                    return value.toString();
                }

                @Override
                public byte[] toBinary(LocalDate value) {
                    return ByteBuffer.allocate(4)
                            .putInt(Math.toIntExact(value.toEpochDay() - PG_EPOCH_DAYS))
                            .array();
                }

                @Override
                public LocalDate fromBinary(byte[] bytes) {
                    checkLength(bytes, 4);
                    return LocalDate.ofEpochDay(PG_EPOCH_DAYS + ByteBuffer.wrap(bytes).getInt());
                }
            };

    static final Codec<LocalTime> TIME =
            new BaseCodec<>(LocalTime.class) {
                @Override
                public LocalTime parseText(String text) {
                    Matcher matcher = TIME_PATTERN.matcher(text);
                    if (!matcher.matches()) {
                        throw new IllegalArgumentException("not a time: " + text);
                    }
                    return time(matcher, 1);
                }

                @Override
                public String formatText(LocalTime value) {
                    return formatTime(value);
                }

                @Override
                public byte[] toBinary(LocalTime value) {
                    return ByteBuffer.allocate(8).putLong(value.toNanoOfDay() / 1000).array();
                }

                @Override
                public LocalTime fromBinary(byte[] bytes) {
                    checkLength(bytes, 8);
                    return LocalTime.ofNanoOfDay(ByteBuffer.wrap(bytes).getLong() * 1000);
                }
            };

    static final Codec<LocalDateTime> TIMESTAMP =
            new BaseCodec<>(LocalDateTime.class) {
                @Override
                LocalDateTime convert(Object value) {
                    if (value instanceof OffsetDateTime dateTime) {
                        return dateTime.toLocalDateTime();
                    }
                    if (value instanceof Instant instant) {
                        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                    }
                    if (value instanceof LocalDate date) {
                        return date.atStartOfDay();
                    }
                    return null;
                }

                @Override
                public LocalDateTime parseText(String text) {
                    // Like Postgres, a zone given for a timestamp without time zone is ignored.
                    return localDateTime(matchDateTime(text));
                }

                @Override
                public String formatText(LocalDateTime value) {
                    return value.toLocalDate() + " " + formatTime(value.toLocalTime());
                }

                @Override
                public byte[] toBinary(LocalDateTime value) {
                    return ByteBuffer.allocate(8)
                            .putLong(ChronoUnit.MICROS.between(PG_EPOCH, value))
                            .array();
                }

                @Override
                public LocalDateTime fromBinary(byte[] bytes) {
                    checkLength(bytes, 8);
                    return PG_EPOCH.plus(ByteBuffer.wrap(bytes).getLong(), ChronoUnit.MICROS);
                }
            };

    static final Codec<OffsetDateTime> TIMESTAMPTZ =
            new BaseCodec<>(OffsetDateTime.class) {
                @Override
                OffsetDateTime convert(Object value) {
                    if (value instanceof Instant instant) {
                        return instant.atOffset(ZoneOffset.UTC);
                    }
                    if (value instanceof ZonedDateTime dateTime) {
                        return dateTime.toOffsetDateTime();
                    }
                    if (value instanceof LocalDateTime dateTime) {
                        return dateTime.atOffset(ZoneOffset.UTC);
                    }
                    return null;
                }

                @Override
                public OffsetDateTime parseText(String text) {
                    Matcher matcher = matchDateTime(text);
                    String zone = matcher.group(8);
                    ZoneOffset offset = zone == null ? ZoneOffset.UTC : parseOffset(zone);
                    return localDateTime(matcher).atOffset(offset);
                }

                @Override
                public String formatText(OffsetDateTime value) {
                    return value.toLocalDate()
                            + " "
                            + formatTime(value.toLocalTime())
                            + formatOffset(value.getOffset());
                }

                @Override
                public byte[] toBinary(OffsetDateTime value) {
                    LocalDateTime utc =
                            value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                    return ByteBuffer.allocate(8)
                            .putLong(ChronoUnit.MICROS.between(PG_EPOCH, utc))
                            .array();
                }

                @Override
                public OffsetDateTime fromBinary(byte[] bytes) {
                    checkLength(bytes, 8);
                    return PG_EPOCH.plus(ByteBuffer.wrap(bytes).getLong(), ChronoUnit.MICROS)
                            .atOffset(ZoneOffset.UTC);
                }
            };

    static final Codec<PgInterval> INTERVAL =
            new BaseCodec<>(PgInterval.class) {
                @Override
                PgInterval convert(Object value) {
                    if (value instanceof Duration duration) {
                        return PgInterval.of(duration);
                    }
                    if (value instanceof Period period) {
                        return PgInterval.of(period);
                    }
                    return null;
                }

                @Override
                public PgInterval parseText(String text) {
                    return PgInterval.parse(text);
                }

                @Override
                public String formatText(PgInterval value) {
                    return value.toString();
                }

                @Override
                public byte[] toBinary(PgInterval value) {
                    return ByteBuffer.allocate(16)
                            .putLong(value.micros())
                            .putInt(value.days())
                            .putInt(value.months())
                            .array();
                }

                @Override
                public PgInterval fromBinary(byte[] bytes) {
                    checkLength(bytes, 16);
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    long micros = buffer.getLong();
                    int days = buffer.getInt();
                    int months = buffer.getInt();
                    return new PgInterval(months, days, micros);
                }
            };

    static String formatTime(LocalTime time) {
        LocalTime micros = time.truncatedTo(ChronoUnit.MICROS);
        StringBuilder text = new StringBuilder(15);
        appendTwoDigits(text, micros.getHour()).append(':');
        appendTwoDigits(text, micros.getMinute()).append(':');
        appendTwoDigits(text, micros.getSecond());
        int fraction = micros.getNano() / 1000;
        if (fraction != 0) {
            String digits = String.format(Locale.ROOT, "%06d", fraction);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.toString();
    }

    private static StringBuilder appendTwoDigits(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    private static String formatOffset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        StringBuilder text = new StringBuilder(seconds < 0 ? "-" : "+");
        seconds = Math.abs(seconds);
        appendTwoDigits(text, seconds / 3600);
        if (seconds % 3600 != 0) {
            appendTwoDigits(text.append(':'), seconds % 3600 / 60);
            if (seconds % 60 != 0) {
                appendTwoDigits(text.append(':'), seconds % 60);
            }
        }
        return text.toString();
    }

    private static ZoneOffset parseOffset(String zone) {
        if (zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, Math.min(2, digits.length())));
        if (digits.length() == 1) {
            hours = Integer.parseInt(digits);
        }
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        int seconds = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }

    private static Matcher matchDateTime(String text) {
        Matcher matcher = DATE_TIME_PATTERN.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a date/time: " + text);
        }
        return matcher;
    }

    private static LocalDate date(Matcher matcher) {
        return LocalDate.of(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    private static LocalDateTime localDateTime(Matcher matcher) {
        LocalDate date = date(matcher);
        if (matcher.group(4) == null) {
            return date.atStartOfDay();
        }
        return date.atTime(time(matcher, 4));
    }

    private static LocalTime time(Matcher matcher, int firstGroup) {
        int hour = Integer.parseInt(matcher.group(firstGroup));
        int minute = Integer.parseInt(matcher.group(firstGroup + 1));
        String second = matcher.group(firstGroup + 2);
        String fraction = matcher.group(firstGroup + 3);
        int nanos = 0;
        if (fraction != null) {
            nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        }
        return LocalTime.of(hour, minute, second == null ? 0 : Integer.parseInt(second), nanos);
    }

    private static String formatFloat(double value, String javaText) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (value == 0 && 1 / value < 0) ? "-0" : Long.toString((long) value);
        }
        return javaText;
    }

    private static String floatLiteral(String text) {
        String trimmed = text.trim();
        return switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity", "inf", "+inf" -> "Infinity";
            case "-infinity", "-inf" -> "-Infinity";
            case "nan" -> "NaN";
            default -> trimmed;
        };
    }

    private static long integral(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (number instanceof BigInteger integer) {
            return integer.longValueExact();
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException("not an integer: " + value);
            }
            return (long) value;
        }
        return number.longValue();
    }

    private static byte[] parseEscapedBytea(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\') {
                out.write(raw[i]);
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < raw.length) {
                out.write(Integer.parseInt(new String(raw, i + 1, 3, UTF_8), 8));
                i += 3;
            } else {
                throw new IllegalArgumentException("invalid bytea escape");
            }
        }
        return out.toByteArray();
    }

    static void checkLength(byte[] bytes, int expected) {
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    "expected " + expected + " bytes, got " + bytes.length);
        }
    }
}
