package io.sluice.pgwire;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple Query into statements at semicolons that are outside quotes, quoted identifiers,
 * dollar quotes and comments. Pieces holding only whitespace and comments are dropped.
 */
final class StatementSplitter {
    private StatementSplitter() {}

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        boolean hasContent = false;
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                boolean escapes =
                        i > 0
                                && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                                && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                i = skipQuoted(sql, i, '\'', escapes);
                hasContent = true;
            } else if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
                hasContent = true;
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                i = skipDollarQuoted(sql, i);
                hasContent = true;
            } else if (c == ';') {
                if (hasContent) {
                    statements.add(sql.substring(start, i).strip());
                }
                start = i + 1;
                hasContent = false;
                i++;
            } else {
                hasContent |= !Character.isWhitespace(c);
                i++;
            }
        }
        if (hasContent) {
            statements.add(sql.substring(start).strip());
        }
        return statements;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int length = sql.length();
        while (i < length) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int length = sql.length();
        i++;
        while (i < length) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < length && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    /**
     * {@code $tag$ ... $tag$}; a {@code $} that does not open a tag (e.g. {@code $1}) is skipped.
     */
    private static int skipDollarQuoted(String sql, int i) {
        int tagEnd = i + 1;
        while (tagEnd < sql.length() && isTagChar(sql.charAt(tagEnd), tagEnd == i + 1)) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            return i + 1;
        }
        String tag = sql.substring(i, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static boolean isTagChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
