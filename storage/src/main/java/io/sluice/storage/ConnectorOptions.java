package io.sluice.storage;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.TableOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a connector's option map against its {@link OptionSpec} declarations. The planner
 * validates options before a pipeline starts; this class still checks what it parses, because a
 * connector may also be opened directly (tests, tools) and a bad value must name the option.
 */
public final class ConnectorOptions {

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
        return TableOptions.parseDuration(value)
                .orElseThrow(() -> invalid(name, value, "a duration such as 30s, 5m or 1h"));
    }

    /** A whole number. */
    public int getInt(String name) {
        String value = getRequired(name).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a whole number");
        }
    }

    /** A size in bytes; units are binary (1 KB = 1024 bytes); a bare number is bytes. */
    public long getSize(String name) {
        String value = getRequired(name);
        return TableOptions.parseSize(value)
                .orElseThrow(() -> invalid(name, value, "a size such as 64MB"));
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
