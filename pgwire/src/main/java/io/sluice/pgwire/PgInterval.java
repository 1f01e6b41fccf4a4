package io.sluice.pgwire;

import java.time.Duration;
import java.time.Period;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Postgres interval: months, days and microseconds are kept apart because their lengths vary. */
public record PgInterval(int months, int days, long micros) {
    private static final Pattern PART =
            Pattern.compile(
                    "([+-]?\\d+(?:\\.\\d+)?)\\s*([a-z]+)|([+-]?)(\\d+):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6})\\d*)?)?");
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_HOUR = 3600 * MICROS_PER_SECOND;

    public static PgInterval of(Duration duration) {
        return new PgInterval(0, 0, duration.toNanos() / 1000);
    }

    public static PgInterval of(Period period) {
        return new PgInterval(Math.toIntExact(period.toTotalMonths()), period.getDays(), 0);
    }

    /** Parses the {@code postgres} interval style, e.g. {@code 1 year 2 mons 3 days 04:05:06.5}. */
    public static PgInterval parse(String text) {
        String input = text.trim().toLowerCase(Locale.ROOT);
        boolean ago = input.endsWith(" ago");
        if (ago) {
            input = input.substring(0, input.length() - 4);
        }
        Matcher matcher = PART.matcher(input);
        int months = 0;
        int days = 0;
        long micros = 0;
        int end = 0;
        while (matcher.find()) {
            if (!input.substring(end, matcher.start()).isBlank()) {
                throw new IllegalArgumentException("not an interval: " + text);
            }
            end = matcher.end();
            if (matcher.group(1) != null) {
                double amount = Double.parseDouble(matcher.group(1));
                String unit = matcher.group(2);
                if (unit.startsWith("y")) {
                    months += (int) Math.round(amount * 12);
                } else if (unit.startsWith("mon")) {
                    months += (int) amount;
                } else if (unit.startsWith("w")) {
                    days += (int) (amount * 7);
                } else if (unit.startsWith("d")) {
                    days += (int) amount;
                } else if (unit.startsWith("h")) {
                    micros += Math.round(amount * MICROS_PER_HOUR);
                } else if (unit.startsWith("m")) {
                    micros += Math.round(amount * 60 * MICROS_PER_SECOND);
                } else if (unit.startsWith("s")) {
                    micros += Math.round(amount * MICROS_PER_SECOND);
                } else {
                    throw new IllegalArgumentException("unknown interval unit: " + unit);
                }
            } else {
                long value =
                        Long.parseLong(matcher.group(4)) * MICROS_PER_HOUR
                                + Long.parseLong(matcher.group(5)) * 60 * MICROS_PER_SECOND;
                if (matcher.group(6) != null) {
                    value += Long.parseLong(matcher.group(6)) * MICROS_PER_SECOND;
                }
                if (matcher.group(7) != null) {
                    value += Long.parseLong((matcher.group(7) + "00000").substring(0, 6));
                }
                micros += matcher.group(3).equals("-") ? -value : value;
            }
        }
        if (end == 0 || !input.substring(end).isBlank()) {
            throw new IllegalArgumentException("not an interval: " + text);
        }
        return ago ? new PgInterval(-months, -days, -micros) : new PgInterval(months, days, micros);
    }

    /** The {@code postgres} interval style, as psql shows it. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        int years = months / 12;
        int remainingMonths = months % 12;
        appendUnit(text, years, "year", "years");
        appendUnit(text, remainingMonths, "mon", "mons");
        appendUnit(text, days, "day", "days");
        if (micros != 0 || text.length() == 0) {
            if (text.length() > 0) {
                text.append(' ');
            }
            long abs = Math.abs(micros);
            if (micros < 0) {
                text.append('-');
            }
            long hours = abs / MICROS_PER_HOUR;
            long minutes = abs % MICROS_PER_HOUR / (60 * MICROS_PER_SECOND);
            long seconds = abs % (60 * MICROS_PER_SECOND) / MICROS_PER_SECOND;
            long fraction = abs % MICROS_PER_SECOND;
            text.append(String.format(Locale.ROOT, "%02d:%02d:%02d", hours, minutes, seconds));
            if (fraction != 0) {
                text.append('.')
                        .append(String.format(Locale.ROOT, "%06d", fraction).replaceAll("0+$", ""));
            }
        }
        return text.toString();
    }

    private static void appendUnit(StringBuilder text, int amount, String one, String many) {
        if (amount == 0) {
            return;
        }
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(amount).append(' ').append(Math.abs(amount) == 1 ? one : many);
    }
}
