package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run-time parameters of one session ({@code SET}, {@code RESET}, {@code SHOW}), with the
 * values clients such as pgjdbc, psql and DBeaver expect. Statements are recognised before the SQL
 * parser because clients send forms of SET (e.g. {@code SET TIME ZONE 'UTC'}, {@code SET SESSION
 * CHARACTERISTICS …}) that are not worth a grammar.
 */
final class SessionParameters {
    private static final Pattern SET =
            Pattern.compile(
                    "(?is)^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][\\w.]*)\\s*(?:=|\\s+TO\\s+)\\s*(.+?)\\s*;?\\s*$");
    private static final Pattern SET_TIME_ZONE =
            Pattern.compile(
                    "(?is)^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.+?)\\s*;?\\s*$");
    private static final Pattern SET_OTHER =
            Pattern.compile("(?is)^\\s*SET\\s+SESSION\\s+CHARACTERISTICS\\b.*");
    private static final Pattern RESET =
            Pattern.compile("(?is)^\\s*RESET\\s+(ALL|[A-Za-z_][\\w.]*)\\s*;?\\s*$");

    /** Parameters reported to the client and accepted by SET; the values are the defaults. */
    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> defaults;

    SessionParameters(Map<String, String> startupParameters) {
        this(startupParameters, Map.of());
    }

    /**
     * @param serverDefaults further parameters with their server-wide defaults, e.g. {@code
     *     preview_timeout}
     */
    SessionParameters(Map<String, String> startupParameters, Map<String, String> serverDefaults) {
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(serverDefaults);
        this.defaults = Map.copyOf(all);
        values.putAll(defaults);
        startupParameters.forEach(
                (key, value) -> {
                    if (defaults.containsKey(key.toLowerCase(Locale.ROOT))
                            || key.equals("application_name")) {
                        values.put(key, value);
                    }
                });
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("application_name", "");
        defaults.put("client_encoding", "UTF8");
        defaults.put("datestyle", "ISO, MDY");
        defaults.put("extra_float_digits", "1");
        defaults.put("intervalstyle", "postgres");
        defaults.put("search_path", "public");
        defaults.put("server_encoding", "UTF8");
        defaults.put("server_version", "16.4");
        defaults.put("server_version_num", "160004");
        defaults.put("standard_conforming_strings", "on");
        defaults.put("statement_timeout", "0");
        defaults.put("timezone", "UTC");
        defaults.put("transaction_isolation", "read committed");
        defaults.put("integer_datetimes", "on");
        return defaults;
    }

    /**
     * Applies {@code sql} if it is a SET or RESET statement.
     *
     * @return the command tag, or empty when the statement is not one of these
     */
    Optional<String> apply(String sql) {
        Matcher timeZone = SET_TIME_ZONE.matcher(sql);
        if (timeZone.matches()) {
            values.put("timezone", unquote(timeZone.group(1)));
            return Optional.of("SET");
        }
        if (SET_OTHER.matcher(sql).matches()) {
            return Optional.of("SET");
        }
        Matcher set = SET.matcher(sql);
        if (set.matches()) {
            String name = set.group(1).toLowerCase(Locale.ROOT);
            String value = unquote(set.group(2));
            if (value.equalsIgnoreCase("DEFAULT")) {
                reset(name);
            } else {
                values.put(name, value);
            }
            return Optional.of("SET");
        }
        Matcher reset = RESET.matcher(sql);
        if (reset.matches()) {
            reset(reset.group(1).toLowerCase(Locale.ROOT));
            return Optional.of("RESET");
        }
        return Optional.empty();
    }

    private void reset(String name) {
        if (name.equals("all")) {
            values.clear();
            values.putAll(defaults);
        } else if (defaults.containsKey(name)) {
            values.put(name, defaults.get(name));
        } else {
            values.remove(name);
        }
    }

    /** The value of a parameter, for SHOW. */
    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"");
        }
        return value;
    }

    /** Every parameter and its value, for SHOW ALL. */
    Map<String, String> all() {
        return Map.copyOf(values);
    }

    /**
     * The parameters pgwire reports in ParameterStatus messages, with their canonical
     * capitalisation.
     */
    Map<String, String> reported() {
        Map<String, String> reported = new LinkedHashMap<>();
        reported.put("application_name", values.get("application_name"));
        reported.put("client_encoding", values.get("client_encoding"));
        reported.put("DateStyle", values.get("datestyle"));
        reported.put("IntervalStyle", values.get("intervalstyle"));
        reported.put("TimeZone", values.get("timezone"));
        reported.put("server_version", values.get("server_version"));
        reported.put("server_encoding", values.get("server_encoding"));
        reported.put("standard_conforming_strings", values.get("standard_conforming_strings"));
        reported.put("integer_datetimes", values.get("integer_datetimes"));
        return reported;
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2
                && (trimmed.startsWith("'") && trimmed.endsWith("'")
                        || trimmed.startsWith("\"") && trimmed.endsWith("\""))) {
            return trimmed.substring(1, trimmed.length() - 1).replace("''", "'");
        }
        return trimmed;
    }
}
