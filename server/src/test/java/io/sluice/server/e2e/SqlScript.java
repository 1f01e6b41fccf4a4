package io.sluice.server.e2e;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs a SQL script statement by statement over pgjdbc and renders everything the server answers
 * (rows, notices, errors with SQLSTATE and position) as text, for golden-file comparison.
 *
 * <p>A statement ends with a line ending in {@code ;}. {@code ${name}} is replaced by the value the
 * test gives. A statement preceded by the comment line {@code -- count only} prints its row count
 * instead of its rows, for answers that vary from run to run.
 */
final class SqlScript {
    private static final String ROWS_VARY = "-- rows vary";

    private SqlScript() {}

    /** The statements of a script, with variables substituted and comment lines kept. */
    static List<String> statements(String script, Map<String, String> variables) {
        String text = script;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            text = text.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (current.length() == 0 && line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    static String run(Connection connection, List<String> statements) throws SQLException {
        return run(connection, statements, true);
    }

    /** Runs the statements; {@code echo} writes each statement before its answer. */
    static String run(Connection connection, List<String> statements, boolean echo)
            throws SQLException {
        requireNonNull(connection, "connection is null");
        StringBuilder out = new StringBuilder();
        for (String statement : statements) {
            if (echo) {
                out.append(statement).append('\n');
            }
            boolean rowsVary = statement.contains(ROWS_VARY);
            String sql = withoutComments(statement);
            if (sql.isBlank()) {
                if (echo) {
                    out.append('\n');
                }
                continue;
            }
            try (Statement jdbc = connection.createStatement()) {
                boolean hasRows = jdbc.execute(sql);
                appendNotices(out, jdbc.getWarnings());
                if (hasRows) {
                    try (ResultSet rs = jdbc.getResultSet()) {
                        appendRows(out, rs, rowsVary);
                    }
                } else {
                    out.append("OK\n");
                }
            } catch (PSQLException e) {
                appendError(out, e, sql);
            }
            if (echo) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String withoutComments(String statement) {
        StringBuilder sql = new StringBuilder();
        for (String line : statement.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        return sql.toString().strip();
    }

    private static void appendNotices(StringBuilder out, SQLWarning warning) {
        for (SQLWarning current = warning; current != null; current = current.getNextWarning()) {
            out.append("NOTICE: ").append(current.getMessage()).append('\n');
        }
    }

    private static void appendRows(StringBuilder out, ResultSet rs, boolean rowsVary)
            throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.add(meta.getColumnLabel(i));
        }
        out.append(String.join(" | ", header)).append('\n');
        int count = 0;
        while (rs.next()) {
            count++;
            if (rowsVary) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String value = rs.getString(i);
                values.add(value == null ? "NULL" : value);
            }
            out.append(String.join(" | ", values)).append('\n');
        }
        if (rowsVary) {
            out.append("(rows not shown)\n");
        } else {
            out.append('(').append(count).append(count == 1 ? " row)" : " rows)").append('\n');
        }
    }

    /**
     * Writes an error with its SQLSTATE and, for a positioned error, the text it points at (a
     * number would change with the length of substituted variables such as temporary paths).
     */
    private static void appendError(StringBuilder out, PSQLException e, String sql) {
        ServerErrorMessage message = e.getServerErrorMessage();
        if (message == null) {
            out.append("ERROR: ").append(e.getMessage()).append('\n');
            return;
        }
        out.append("ERROR ").append(message.getSQLState());
        if (message.getPosition() > 0) {
            out.append(" at \"").append(excerpt(sql, message.getPosition() - 1)).append('"');
        }
        out.append(": ").append(message.getMessage()).append('\n');
    }

    /**
     * The token an error points at; a string literal is shown as '…' so no value leaks into the
     * answer.
     */
    private static String excerpt(String sql, int offset) {
        if (offset >= sql.length()) {
            return "<end of statement>";
        }
        if (sql.charAt(offset) == '\'') {
            return "'…'";
        }
        int end = offset;
        while (end < sql.length() && " \t\n,();".indexOf(sql.charAt(end)) < 0) {
            end++;
        }
        return end == offset ? sql.substring(offset, offset + 1) : sql.substring(offset, end);
    }
}
