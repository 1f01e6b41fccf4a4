package io.sluice.server.session;

import io.sluice.pgwire.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code search_path} run-time parameter. Sluice has the schemas {@code public} (sources, sinks
 * and lake tables), {@code sluice} (system tables), {@code pg_catalog} and {@code
 * information_schema}; a search path naming any other schema is refused, so a typo does not
 * silently hide every table. {@code "$user"} is accepted, as Postgres clients send it, and skipped:
 * there are no per-user schemas.
 */
public final class SearchPath {
    /** The schemas a search path may name. */
    public static final Set<String> SCHEMAS =
            Set.of("public", "sluice", "pg_catalog", "information_schema");

    private static final String USER_SCHEMA = "$user";
    private static final Pattern SET =
            Pattern.compile(
                    "(?is)^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?:search_path\\s*(?:=|\\s+TO\\s+)|SCHEMA\\s+)\\s*(.+?)\\s*;?\\s*$");
    private static final Pattern ITEM =
            Pattern.compile("\\s*(\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|[^,\\s]+)\\s*(,|$)");

    private SearchPath() {}

    /**
     * Checks a {@code SET search_path} (or {@code SET SCHEMA}) statement.
     *
     * @return the normalised value to store, or empty when {@code sql} sets no search path
     * @throws PgException {@code 3F000} for a schema Sluice does not have
     */
    static Optional<String> checkSet(String sql) {
        Matcher set = SET.matcher(sql);
        if (!set.matches() || set.group(1).equalsIgnoreCase("DEFAULT")) {
            return Optional.empty();
        }
        List<String> schemas = parse(set.group(1));
        for (String schema : schemas) {
            if (!schema.equals(USER_SCHEMA) && !SCHEMAS.contains(schema)) {
                throw new PgException(
                        "3F000",
                        "schema \""
                                + schema
                                + "\" does not exist; Sluice has the schemas public, sluice,"
                                + " pg_catalog and information_schema");
            }
        }
        return Optional.of(format(schemas));
    }

    /** The schemas of a search path value, names folded like identifiers. */
    public static List<String> parse(String value) {
        List<String> schemas = new ArrayList<>();
        Matcher item = ITEM.matcher(value.strip());
        int end = 0;
        String text = value.strip();
        while (end < text.length() && item.find(end) && item.start() == end) {
            String name = item.group(1);
            if (name.startsWith("\"")) {
                schemas.add(name.substring(1, name.length() - 1).replace("\"\"", "\""));
            } else if (name.startsWith("'")) {
                schemas.add(name.substring(1, name.length() - 1).replace("''", "'"));
            } else {
                schemas.add(name.toLowerCase(Locale.ROOT));
            }
            end = item.end();
        }
        if (end < text.length()) {
            throw new PgException("42601", "invalid search_path: " + value);
        }
        return schemas;
    }

    /** The schemas a session really searches, in order: those Sluice has. */
    public static List<String> effective(String value) {
        List<String> schemas = new ArrayList<>();
        for (String schema : parse(value)) {
            if (SCHEMAS.contains(schema) && !schemas.contains(schema)) {
                schemas.add(schema);
            }
        }
        return schemas;
    }

    private static String format(List<String> schemas) {
        List<String> quoted = new ArrayList<>();
        for (String schema : schemas) {
            quoted.add(schema.equals(USER_SCHEMA) ? "\"$user\"" : schema);
        }
        return String.join(", ", quoted);
    }
}
