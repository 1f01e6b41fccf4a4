package io.sluice.storage.kafka;

/**
 * The {@code json.timestamp_format} option: how a JSON number in a timestamp column is read. A
 * string is always read as an RFC 3339 timestamp, whatever the format.
 */
enum TimestampFormat {
    /** RFC 3339 strings; a number is taken as epoch milliseconds, the most common encoding. */
    RFC3339("rfc3339", 1_000L),
    UNIX_SECONDS("unix_seconds", 1_000_000L),
    UNIX_MILLIS("unix_millis", 1_000L),
    UNIX_MICROS("unix_micros", 1L);

    private final String optionValue;
    private final long microsPerUnit;

    TimestampFormat(String optionValue, long microsPerUnit) {
        this.optionValue = optionValue;
        this.microsPerUnit = microsPerUnit;
    }

    static TimestampFormat fromOption(String value) {
        for (TimestampFormat format : values()) {
            if (format.optionValue.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown timestamp format: " + value);
    }

    String optionValue() {
        return optionValue;
    }

    /** Microseconds in one unit of a numeric timestamp. */
    long microsPerUnit() {
        return microsPerUnit;
    }

    String describe() {
        return switch (this) {
            case UNIX_SECONDS -> "epoch seconds";
            case UNIX_MICROS -> "epoch microseconds";
            default -> "epoch milliseconds";
        };
    }
}
