package io.sluice.executor.expr;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Text forms of values: parsing for casts and literals, formatting for casts to text. */
final class Casts {
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private static final DateTimeFormatter TIMESTAMP_INPUT =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH:MM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HHMM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH", "Z")
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter TIMESTAMP_OUTPUT =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .appendLiteral(' ')
                    .appendPattern("HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private Casts() {}

    static boolean parseBoolean(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "t":
            case "yes":
            case "y":
            case "on":
            case "1":
                return true;
            case "false":
            case "f":
            case "no":
            case "n":
            case "off":
            case "0":
                return false;
            default:
                throw invalid("boolean", text);
        }
    }

    /**
     * Parses ISO-8601 / RFC 3339 text ({@code 2024-05-01T12:00:00Z}, {@code 2024-05-01
     * 12:00:00.123+02:00}, {@code 2024-05-01}) into microseconds since the epoch; text without an
     * offset is UTC.
     */
    static long parseTimestampMicros(String text, String typeName) {
        try {
            var parsed = TIMESTAMP_INPUT.parse(text.trim());
            LocalDate date = LocalDate.from(parsed);
            LocalDateTime dateTime =
                    parsed.isSupported(ChronoField.NANO_OF_DAY)
                            ? LocalDateTime.of(date, java.time.LocalTime.from(parsed))
                            : date.atStartOfDay();
            ZoneOffset offset =
                    parsed.isSupported(ChronoField.OFFSET_SECONDS)
                            ? ZoneOffset.from(parsed)
                            : ZoneOffset.UTC;
            Instant instant = OffsetDateTime.of(dateTime, offset).toInstant();
            return Math.addExact(
                    Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                    instant.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(typeName, text);
        }
    }

    static long parseDate(String text) {
        try {
            return LocalDate.parse(text.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw invalid("date", text);
        }
    }

    /** A date literal: days since the epoch, or ISO text. */
    static long parseDateLiteral(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            return Long.parseLong(trimmed);
        }
        return parseDate(trimmed);
    }

    /** A timestamp literal: microseconds since the epoch, or ISO text. */
    static long parseMicrosLiteral(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("-?\\d+")) {
            return Long.parseLong(trimmed);
        }
        return parseTimestampMicros(trimmed, "timestamp");
    }

    static byte[] parseHex(String text) {
        String hex = text.startsWith("\\x") ? text.substring(2) : text;
        if (hex.length() % 2 != 0) {
            throw invalid("bytea", text);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw invalid("bytea", text);
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    static String formatTimestamp(long micros, boolean withZone) {
        LocalDateTime dateTime =
                LocalDateTime.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000,
                        ZoneOffset.UTC);
        String text = TIMESTAMP_OUTPUT.format(dateTime);
        return withZone ? text + "+00" : text;
    }

    static String formatDate(long days) {
        return LocalDate.ofEpochDay(days).toString();
    }

    static String formatTime(long micros) {
        return TIMESTAMP_OUTPUT
                .format(
                        LocalDateTime.of(
                                LocalDate.EPOCH, java.time.LocalTime.ofNanoOfDay(micros * 1000)))
                .substring(11);
    }

    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static SluiceException invalid(String typeName, String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return new SluiceException(
                ErrorCode.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + shown + "\"");
    }
}
