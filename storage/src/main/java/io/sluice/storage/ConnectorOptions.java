package io.sluice.storage;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.OptionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of a connector's option map against its {@link OptionSpec} declarations. The planner
 * validates options before a pipeline starts; this class still checks what it parses, because a
 * connector may also be opened directly (tests, tools) and a bad value must name the option.
 */
public final class ConnectorOptions {
    private static final Pattern DURATION =
            Pattern.compile(
                    "(\\d+)\\s*(ms|millis|s|sec|secs|second|seconds|m|min|mins|minute"
                            + "|minutes|h|hour|hours|d|day|days)?");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g|tb|tib|t)?");

    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;

    public ConnectorOptions(List<OptionSpec> specs, Map<String, String> values) {
        requireNonNull(specs, "specs is null");
        requireNonNull(values, "values is null");
        this.specs =
                specs.stream()
                        .collect(
                                java.util.stream.Collectors.toUnmodifiableMap(
                                        OptionSpec::name, spec -> spec));
        this.values = Map.copyOf(values);
    }

    /** The value given under the canonical name or an alias, else the declared default. */
    public Optional<String> get(String name) {
        OptionSpec spec = spec(name);
        String value = values.get(spec.name());
        if (value == null) {
            for (String alias : spec.aliases()) {
                value = values.get(alias);
                if (value != null) {
                    break;
                }
            }
        }
        return value == null ? spec.defaultValue() : Optional.of(value);
    }

    public String getRequired(String name) {
        return get(name)
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.INVALID_OPTION,
                                        "option '" + name + "' is required"));
    }

    public boolean getBoolean(String name) {
        String value = getRequired(name).trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "true":
            case "on":
            case "yes":
                return true;
            case "false":
            case "off":
            case "no":
                return false;
            default:
                throw invalid(name, value, "a boolean");
        }
    }

    /** An ENUM option's value, lower case; checked against the declared allowed values. */
    public String getEnum(String name) {
        String value = getRequired(name).trim().toLowerCase(Locale.ROOT);
        List<String> allowed = spec(name).allowedValues();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw invalid(name, value, "one of " + allowed);
        }
        return value;
    }

    /** A duration; a bare number is seconds. */
    public Duration getDuration(String name) {
        String value = getRequired(name);
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(name, value, "a duration such as 30s, 5m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        switch (unit.charAt(0)) {
            case 'h':
                return Duration.ofHours(amount);
            case 'd':
                return Duration.ofDays(amount);
            case 'm':
                return unit.equals("ms") || unit.equals("millis")
                        ? Duration.ofMillis(amount)
                        : Duration.ofMinutes(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    /** A size in bytes; units are binary (1 KB = 1024 bytes); a bare number is bytes. */
    public long getSize(String name) {
        String value = getRequired(name);
        Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(name, value, "a size such as 64MB");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        switch (unit.charAt(0)) {
            case 'k':
                return amount << 10;
            case 'm':
                return amount << 20;
            case 'g':
                return amount << 30;
            case 't':
                return amount << 40;
            default:
                return amount;
        }
    }

    private OptionSpec spec(String name) {
        OptionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("undeclared option " + name);
        }
        return spec;
    }

    private SluiceException invalid(String name, String value, String expected) {
        String shown = spec(name).sensitive() ? "(hidden)" : "'" + value + "'";
        return new SluiceException(
                ErrorCode.INVALID_OPTION,
                "option '" + name + "' must be " + expected + ", not " + shown);
    }
}
