package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

/**
 * Replaces {@code $n} placeholders by SQL literals of the bound values, outside quotes and
 * comments. Statements reach the planner and DuckDB as text, so binding is textual; every value is
 * rendered as a quoted, escaped literal.
 */
final class ParameterBinder {
    private ParameterBinder() {}

    static String bind(String sql, List<Object> parameters) {
        if (parameters.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 16 * parameters.size());
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? length : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? length : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && i + 1 < length && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < length && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                int index = Integer.parseInt(sql.substring(i + 1, end));
                if (index < 1 || index > parameters.size()) {
                    throw new SluiceException(
                            ErrorCode.INVALID_REQUEST, "there is no parameter $" + index, i, null);
                }
                out.append(literal(parameters.get(index - 1)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** Counts the distinct {@code $n} placeholders, for Describe. */
    static int placeholderCount(String sql) {
        int max = 0;
        for (int i = 0; i < sql.length() - 1; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c) - 1;
            } else if (c == '$' && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                max = Math.max(max, Integer.parseInt(sql.substring(i + 1, end)));
                i = end - 1;
            }
        }
        return max;
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return "'" + value + "'";
        }
        if (value instanceof byte[] bytes) {
            return "'\\x" + HexFormat.of().formatHex(bytes) + "'";
        }
        String text = value instanceof String string ? string : value.toString();
        if (text.indexOf('\0') >= 0) {
            throw new SluiceException(
                    ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "a text parameter contains a NUL character");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
