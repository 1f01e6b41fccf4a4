package io.sluice.executor.spi;

/** How an option's text value is checked and read. */
public enum OptionType {
    STRING,
    BOOLEAN,
    INTEGER,
    /**
     * A length of time: {@code 10}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 500ms}; a bare
     * number is seconds.
     */
    DURATION,
    /**
     * A size: {@code 1048576}, {@code 64KB}, {@code 128MB}, {@code 1GB}; a bare number is bytes.
     */
    SIZE,
    /** One of the option's allowed values, compared case-insensitively. */
    ENUM
}
