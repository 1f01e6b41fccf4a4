package io.sluice.storage.kafka;

import java.time.LocalDate;

/**
 * A fast path for the common shape of RFC 3339 timestamps, {@code YYYY-MM-DDTHH:MM:SS[.fraction]}
 * followed by {@code Z}, an offset {@code ±HH:MM} or nothing, read straight from characters. Other
 * shapes return {@link #NOT_PARSED} and go to the general {@code java.time} parser.
 */
final class Rfc3339 {
    static final long NOT_PARSED = Long.MIN_VALUE;

    private Rfc3339() {}

    /** Microseconds since the epoch, UTC; {@link #NOT_PARSED} if the text has another shape. */
    static long parseMicros(String text) {
        int length = text.length();
        if (length < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != 't' && text.charAt(10) != ' ')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return NOT_PARSED;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return NOT_PARSED;
        }
        int position = 19;
        long micros = 0;
        if (position < length && text.charAt(position) == '.') {
            position++;
            int start = position;
            long scale = 100_000;
            while (position < length && Character.isDigit(text.charAt(position))) {
                micros += (text.charAt(position) - '0') * scale;
                scale /= 10;
                position++;
            }
            if (position == start || position - start > 9) {
                return NOT_PARSED;
            }
        }
        int offsetSeconds = 0;
        if (position < length) {
            char zone = text.charAt(position);
            if ((zone == 'Z' || zone == 'z') && position + 1 == length) {
                offsetSeconds = 0;
            } else if ((zone == '+' || zone == '-')
                    && position + 6 == length
                    && text.charAt(position + 3) == ':') {
                int hours = digits(text, position + 1, 2);
                int minutes = digits(text, position + 4, 2);
                if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
                    return NOT_PARSED;
                }
                offsetSeconds = (hours * 3600 + minutes * 60) * (zone == '-' ? -1 : 1);
            } else {
                return NOT_PARSED;
            }
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return NOT_PARSED;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000_000 + micros;
    }

    /** The non-negative number in {@code count} decimal digits at {@code start}, else -1. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
