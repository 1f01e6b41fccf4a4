package io.sluice.storage.duckdb;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets through only single read-only statements. DuckDB's own sandbox (locked configuration, no
 * external access outside the lake) is the real barrier; this check refuses everything else early
 * with an error that says why, instead of DuckDB's sometimes obscure one.
 */
final class LakeStatementGuard {
    private static final Set<String> READ_ONLY =
            Set.of(
                    "SELECT",
                    "WITH",
                    "FROM",
                    "VALUES",
                    "TABLE",
                    "EXPLAIN",
                    "DESCRIBE",
                    "SUMMARIZE",
                    "SHOW",
                    "PIVOT",
                    "UNPIVOT",
                    "(");

    /** DuckDB statements that change state; other unknown words are left to DuckDB's parser. */
    private static final Set<String> REFUSED =
            Set.of(
                    "SET",
                    "RESET",
                    "PRAGMA",
                    "CREATE",
                    "ATTACH",
                    "DETACH",
                    "INSTALL",
                    "LOAD",
                    "FORCE",
                    "UPDATE_EXTENSIONS",
                    "COPY",
                    "EXPORT",
                    "IMPORT",
                    "USE",
                    "CALL",
                    "CHECKPOINT",
                    "INSERT",
                    "UPDATE",
                    "DELETE",
                    "MERGE",
                    "DROP",
                    "ALTER",
                    "TRUNCATE",
                    "VACUUM",
                    "ANALYZE",
                    "BEGIN",
                    "START",
                    "COMMIT",
                    "ROLLBACK",
                    "ABORT",
                    "END",
                    "PREPARE",
                    "EXECUTE",
                    "DEALLOCATE",
                    "COMMENT");

    private LakeStatementGuard() {}

    static void check(String sql) {
        List<String> statements = statements(sql);
        if (statements.size() > 1) {
            throw refused("lake queries take one statement at a time");
        }
        if (statements.isEmpty()) {
            throw new SluiceException(ErrorCode.SYNTAX_ERROR, "empty query");
        }
        List<String> words = leadingWords(statements.get(0), 3);
        String first = words.isEmpty() ? "" : words.get(0);
        if (first.equals("EXPLAIN")) {
            int next = words.size() > 1 && words.get(1).startsWith("ANALY") ? 2 : 1;
            first = words.size() > next ? words.get(next) : "";
            if (first.equals("EXPLAIN")) {
                first = "";
            }
        }
        if (!READ_ONLY.contains(first) && (REFUSED.contains(first) || first.isEmpty())) {
            if (first.equals("SET") || first.equals("RESET") || first.equals("PRAGMA")) {
                throw refused(
                        first
                                + " is not allowed in lake queries: DuckDB's settings are fixed by"
                                + " the server");
            }
            throw refused(
                    (first.isEmpty() ? "this statement" : first + " statements")
                            + " are not allowed in lake queries, which are read-only: use SELECT,"
                            + " WITH, EXPLAIN, DESCRIBE or SUMMARIZE");
        }
    }

    private static SluiceException refused(String message) {
        return new SluiceException(ErrorCode.INSUFFICIENT_PRIVILEGE, message);
    }

    /** The statements of {@code sql} without comments, split at semicolons outside quotes. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                while (i < length && sql.charAt(i) != '\n') {
                    i++;
                }
                current.append(' ');
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
                current.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < length) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < length && sql.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, length);
                current.append(sql, i, end);
                i = end;
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current = new StringBuilder();
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        if (!statement.toString().isBlank()) {
            statements.add(statement.toString().strip());
        }
    }

    private static List<String> leadingWords(String statement, int count) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < statement.length() && words.size() < count) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                words.add("(");
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < statement.length()
                        && (Character.isLetterOrDigit(statement.charAt(i))
                                || statement.charAt(i) == '_')) {
                    i++;
                }
                words.add(statement.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                words.add(String.valueOf(c));
                i++;
            }
        }
        return words;
    }
}
