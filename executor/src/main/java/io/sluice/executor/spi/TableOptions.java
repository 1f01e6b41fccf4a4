package io.sluice.executor.spi;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's options after validation against its connector's {@link OptionSpec}s: aliases rewritten
 * to canonical names, unknown options rejected, values type-checked, defaults filled.
 *
 * <p>The framework owns three options that every table has: {@link #CONNECTOR}, {@link #TYPE}
 * ({@code source}, {@code sink} or {@code lake}) and {@link #CONNECTION_PROFILE}. Every other
 * option, including {@code format}, is declared by the connector.
 *
 * <p>Values may hold {@code {{ VAR }}} placeholders; they are type-checked only after {@link
 * #substitute(Map)} replaced them.
 */
public final class TableOptions {
    public static final String CONNECTOR = "connector";
    public static final String TYPE = "type";
    public static final String CONNECTION_PROFILE = "connection_profile";

    /** The options every table may have, whatever its connector. */
    public static final Set<String> FRAMEWORK_OPTIONS = Set.of(CONNECTOR, TYPE, CONNECTION_PROFILE);

    private static final List<String> TABLE_TYPES = List.of("source", "sink", "lake");
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern DURATION =
            Pattern.compile(
                    "(\\d+)\\s*(ms|millis|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hour|hours"
                        + "|d|day|days)?");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");
    private static final String REDACTED = "********";

    private final String connector;
    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;

    private TableOptions(
            String connector, Map<String, OptionSpec> specs, Map<String, String> values) {
        this.connector = connector;
        this.specs = specs;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Validates {@code raw} for a table of {@code connector} used in {@code role}. */
    public static TableOptions validate(
            ConnectorFactory connector, TableRole role, Map<String, String> raw) {
        return validate(connector, role, raw, Map.of());
    }

    /**
     * Validates {@code raw} for a table of {@code connector} used in {@code role}, checking also
     * that the connector supports that role.
     *
     * @param positions each raw key's 0-based offset in the statement text, for error positions
     */
    public static TableOptions validate(
            ConnectorFactory connector,
            TableRole role,
            Map<String, String> raw,
            Map<String, Integer> positions) {
        if (!connector.roles().contains(role)) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "connector "
                            + connector.name()
                            + " cannot be used as a "
                            + role.name().toLowerCase(Locale.ROOT)
                            + " table");
        }
        return validate(connector.name(), connector.options(), role, raw, positions);
    }

    /**
     * Validates {@code raw} against {@code specs}.
     *
     * @param connectorName used in error messages
     * @param positions each raw key's 0-based offset in the statement text, for error positions
     */
    public static TableOptions validate(
            String connectorName,
            List<OptionSpec> specs,
            TableRole role,
            Map<String, String> raw,
            Map<String, Integer> positions) {
        requireNonNull(connectorName, "connectorName is null");
        requireNonNull(role, "role is null");
        requireNonNull(raw, "raw is null");
        requireNonNull(positions, "positions is null");
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        Map<String, OptionSpec> bySpelling = new LinkedHashMap<>();
        for (OptionSpec spec : specs) {
            byName.put(spec.name(), spec);
            bySpelling.put(spec.name(), spec);
            for (String alias : spec.aliases()) {
                bySpelling.put(alias, spec);
            }
        }

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> spellingUsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            String value = requireNonNull(entry.getValue(), "value of " + key + " is null");
            int position = positions.getOrDefault(entry.getKey(), -1);
            if (FRAMEWORK_OPTIONS.contains(key)) {
                if (key.equals(TYPE)
                        && !TABLE_TYPES.contains(value.toLowerCase(Locale.ROOT))
                        && !hasPlaceholder(value)) {
                    throw error(
                            "invalid value for option \"type\": \""
                                    + value
                                    + "\" (expected one of source, sink, lake)",
                            position);
                }
                values.put(key, key.equals(TYPE) ? value.toLowerCase(Locale.ROOT) : value);
                continue;
            }
            OptionSpec spec = bySpelling.get(key);
            if (spec == null) {
                throw error(
                        unknownOptionMessage(key, connectorName, bySpelling.keySet()), position);
            }
            if (!spec.roles().contains(role)) {
                throw error(
                        "option \""
                                + key
                                + "\" of connector "
                                + connectorName
                                + " does not apply to "
                                + role.name().toLowerCase(Locale.ROOT)
                                + " tables",
                        position);
            }
            String previous = spellingUsed.put(spec.name(), key);
            if (previous != null) {
                throw error(
                        "options \""
                                + previous
                                + "\" and \""
                                + key
                                + "\" are two spellings of \""
                                + spec.name()
                                + "\"; give only one",
                        position);
            }
            values.put(spec.name(), checkValue(spec, value, position));
        }

        for (OptionSpec spec : specs) {
            if (!spec.roles().contains(role) || values.containsKey(spec.name())) {
                continue;
            }
            if (spec.defaultValue().isPresent()) {
                values.put(spec.name(), spec.defaultValue().get());
            } else if (spec.required()) {
                throw error(
                        "option \"" + spec.name() + "\" is required for connector " + connectorName,
                        -1);
            }
        }
        return new TableOptions(connectorName, byName, values);
    }

    /**
     * Replaces every {@code {{ VAR }}} placeholder with {@code environment.get(VAR)} and
     * type-checks the substituted values.
     */
    public TableOptions substitute(Map<String, String> environment) {
        requireNonNull(environment, "environment is null");
        Map<String, String> substituted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String value = entry.getValue();
            if (hasPlaceholder(value)) {
                Matcher matcher = PLACEHOLDER.matcher(value);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    String variable = matcher.group(1);
                    String replacement = environment.get(variable);
                    if (replacement == null) {
                        throw error(
                                "environment variable "
                                        + variable
                                        + " used by option \""
                                        + entry.getKey()
                                        + "\" is not set",
                                -1);
                    }
                    matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
                }
                matcher.appendTail(out);
                value = out.toString();
                OptionSpec spec = specs.get(entry.getKey());
                if (spec != null) {
                    value = checkValue(spec, value, -1);
                }
            }
            substituted.put(entry.getKey(), value);
        }
        return new TableOptions(connector, specs, substituted);
    }

    /** The options by canonical name, defaults included. */
    public Map<String, String> values() {
        return values;
    }

    /** The options with the values of sensitive options replaced by {@code ********}. */
    public Map<String, String> redacted() {
        Map<String, String> redacted = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            OptionSpec spec = specs.get(entry.getKey());
            redacted.put(
                    entry.getKey(), spec != null && spec.sensitive() ? REDACTED : entry.getValue());
        }
        return Collections.unmodifiableMap(redacted);
    }

    public Optional<String> getOptional(String name) {
        checkDeclared(name);
        return Optional.ofNullable(values.get(name));
    }

    public String getString(String name) {
        return getOptional(name).orElseThrow(() -> error("option \"" + name + "\" is not set", -1));
    }

    public int getInt(String name) {
        String value = getString(name);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw error("option \"" + name + "\" is not an integer", -1);
        }
    }

    public boolean getBoolean(String name) {
        return parseBoolean(getString(name))
                .orElseThrow(() -> error("option \"" + name + "\" is not a boolean", -1));
    }

    public Duration getDuration(String name) {
        return parseDuration(getString(name))
                .orElseThrow(() -> error("option \"" + name + "\" is not a duration", -1));
    }

    /** A size in bytes. */
    public long getSize(String name) {
        return parseSize(getString(name))
                .orElseThrow(() -> error("option \"" + name + "\" is not a size", -1));
    }

    /** Parses {@code 10}, {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 2d}. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        switch (unit) {
            case "ms":
            case "millis":
                return Optional.of(Duration.ofMillis(amount));
            case "m":
            case "min":
            case "mins":
            case "minute":
            case "minutes":
                return Optional.of(Duration.ofMinutes(amount));
            case "h":
            case "hour":
            case "hours":
                return Optional.of(Duration.ofHours(amount));
            case "d":
            case "day":
            case "days":
                return Optional.of(Duration.ofDays(amount));
            default:
                return Optional.of(Duration.ofSeconds(amount));
        }
    }

    /** Parses {@code 1048576}, {@code 64KB}, {@code 128MB}, {@code 1GB} (binary multiples). */
    public static Optional<Long> parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        int shift;
        switch (unit) {
            case "k":
            case "kb":
            case "kib":
                shift = 10;
                break;
            case "m":
            case "mb":
            case "mib":
                shift = 20;
                break;
            case "g":
            case "gb":
            case "gib":
                shift = 30;
                break;
            case "t":
            case "tb":
            case "tib":
                shift = 40;
                break;
            default:
                shift = 0;
        }
        if (amount > (Long.MAX_VALUE >> shift)) {
            return Optional.empty();
        }
        return Optional.of(amount << shift);
    }

    private static Optional<Boolean> parseBoolean(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return Optional.of(true);
            case "false":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    private static String checkValue(OptionSpec spec, String value, int position) {
        if (hasPlaceholder(value)) {
            return value;
        }
        boolean valid;
        switch (spec.type()) {
            case BOOLEAN:
                valid = parseBoolean(value).isPresent();
                break;
            case INTEGER:
                valid = isInteger(value);
                break;
            case DURATION:
                valid = parseDuration(value).isPresent();
                break;
            case SIZE:
                valid = parseSize(value).isPresent();
                break;
            case ENUM:
                String lower = value.trim().toLowerCase(Locale.ROOT);
                if (!spec.allowedValues().contains(lower)) {
                    throw error(
                            "invalid value for option \""
                                    + spec.name()
                                    + "\": "
                                    + shown(spec, value)
                                    + " (expected one of "
                                    + String.join(", ", spec.allowedValues())
                                    + ")",
                            position);
                }
                return lower;
            case STRING:
            default:
                valid = true;
        }
        if (!valid) {
            throw error(
                    "invalid value for option \""
                            + spec.name()
                            + "\": "
                            + shown(spec, value)
                            + " is not "
                            + describe(spec.type()),
                    position);
        }
        return value;
    }

    private static String shown(OptionSpec spec, String value) {
        return spec.sensitive() ? "the value" : "\"" + value + "\"";
    }

    private static String describe(OptionType type) {
        switch (type) {
            case BOOLEAN:
                return "a boolean (true or false)";
            case INTEGER:
                return "an integer";
            case DURATION:
                return "a duration (e.g. 10s, 5m, 1h; a bare number is seconds)";
            case SIZE:
                return "a size (e.g. 128MB, 1GB; a bare number is bytes)";
            default:
                return "valid";
        }
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean hasPlaceholder(String value) {
        return value.contains("{{") && PLACEHOLDER.matcher(value).find();
    }

    private static String unknownOptionMessage(
            String key, String connectorName, Set<String> spellings) {
        String message = "unknown option \"" + key + "\" for connector " + connectorName;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : spellings) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 3)) {
            message += "; did you mean \"" + best + "\"?";
        }
        return message;
    }

    /** The Levenshtein distance of two strings, for "did you mean" suggestions. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                Math.min(current[j - 1] + 1, previous[j] + 1),
                                previous[j - 1] + substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private void checkDeclared(String name) {
        if (!specs.containsKey(name) && !FRAMEWORK_OPTIONS.contains(name)) {
            throw new IllegalArgumentException(
                    "option " + name + " is not declared by connector " + connector);
        }
    }

    private static SluiceException error(String message, int position) {
        return new SluiceException(ErrorCode.INVALID_OPTION, message, position, null);
    }
}
