package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A strftime pattern such as {@code %Y/%m/%d/%H} that turns an event time (UTC) into a directory
 * path. Supported: {@code %Y %y %m %d %H %M %S %j %%}; anything else is rejected when the pattern
 * is parsed, so a typo does not silently become a literal directory name.
 */
final class TimePattern {
    private final String pattern;

    private TimePattern(String pattern) {
        this.pattern = pattern;
    }

    static TimePattern parse(String pattern) {
        requireNonNull(pattern, "pattern is null");
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == pattern.length() || "YymdHMSj%".indexOf(pattern.charAt(i + 1)) < 0) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "time partition pattern '"
                                + pattern
                                + "' uses an unsupported directive; supported are %Y %y %m %d %H"
                                + " %M %S %j %%");
            }
            i++;
        }
        return new TimePattern(pattern);
    }

    String format(long epochMicros) {
        ZonedDateTime time =
                Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L))
                        .atZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char directive = pattern.charAt(++i);
            switch (directive) {
                case 'Y':
                    out.append(time.getYear());
                    break;
                case 'y':
                    pad(out, time.getYear() % 100, 2);
                    break;
                case 'm':
                    pad(out, time.getMonthValue(), 2);
                    break;
                case 'd':
                    pad(out, time.getDayOfMonth(), 2);
                    break;
                case 'H':
                    pad(out, time.getHour(), 2);
                    break;
                case 'M':
                    pad(out, time.getMinute(), 2);
                    break;
                case 'S':
                    pad(out, time.getSecond(), 2);
                    break;
                case 'j':
                    pad(out, time.getDayOfYear(), 3);
                    break;
                default:
                    out.append('%');
                    break;
            }
        }
        return out.toString();
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
