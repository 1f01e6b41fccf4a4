package io.sluice.planner;

import org.apache.calcite.sql.parser.SqlParserPos;

/** Converts the parser's line and column positions into offsets in the statement text. */
public final class Positions {
    private Positions() {}

    /**
     * The 0-based character offset of {@code pos} in {@code sql}, or -1 when the position is
     * unknown.
     */
    public static int offset(String sql, SqlParserPos pos) {
        if (pos == null || pos.getLineNum() <= 0) {
            return -1;
        }
        return offset(sql, pos.getLineNum(), pos.getColumnNum());
    }

    /**
     * The 0-based offset of a 1-based line and column counted as the parser counts them: every
     * character is one column, and CR, LF and CRLF each end a line.
     */
    public static int offset(String sql, int line, int column) {
        if (line <= 0) {
            return -1;
        }
        int offset = 0;
        int currentLine = 1;
        while (currentLine < line && offset < sql.length()) {
            char c = sql.charAt(offset++);
            if (c == '\r') {
                if (offset < sql.length() && sql.charAt(offset) == '\n') {
                    offset++;
                }
                currentLine++;
            } else if (c == '\n') {
                currentLine++;
            }
        }
        return Math.min(offset + Math.max(column, 1) - 1, sql.length());
    }
}
