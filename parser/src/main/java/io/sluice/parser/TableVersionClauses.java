package io.sluice.parser;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code FOR VERSION AS OF n} clauses of a query: {@code SELECT … FROM t FOR VERSION AS OF 3}
 * reads version 3 of table {@code t}.
 *
 * <p>Calcite's grammar has no extension point after a table reference (only {@code FOR SYSTEM_TIME
 * AS OF}), so the clause is recognized here on the statement's tokens: a table name followed by
 * {@code FOR VERSION AS OF} and an unsigned integer, outside string literals, quoted identifiers
 * and comments. {@link #withoutClauses()} blanks the clauses with spaces, so the rest of the
 * statement parses as usual and every parser position stays valid for the original text.
 */
public final class TableVersionClauses {
    // Words that end a table reference: after them no alias follows the clause.
    private static final Set<String> FOLLOWING_KEYWORDS =
            Set.of(
                    "where",
                    "join",
                    "inner",
                    "left",
                    "right",
                    "full",
                    "cross",
                    "natural",
                    "on",
                    "using",
                    "group",
                    "order",
                    "limit",
                    "offset",
                    "fetch",
                    "having",
                    "window",
                    "qualify",
                    "union",
                    "except",
                    "intersect",
                    "for",
                    "tablesample",
                    "pivot",
                    "unpivot",
                    "lateral",
                    "anti",
                    "semi",
                    "asof",
                    "positional");

    private final String sql;
    private final List<Clause> clauses;

    private TableVersionClauses(String sql, List<Clause> clauses) {
        this.sql = sql;
        this.clauses = List.copyOf(clauses);
    }

    /**
     * One clause.
     *
     * @param table the table name as the catalog knows it: unquoted parts folded to lower case,
     *     qualified names joined with {@code .}
     * @param tableStart offset of the table name's first character
     * @param clauseStart offset of {@code FOR}
     * @param clauseEnd offset just after the version number
     * @param aliased whether an alias follows the clause
     */
    public record Clause(
            String table,
            long version,
            int tableStart,
            int clauseStart,
            int clauseEnd,
            boolean aliased) {
        public Clause {
            requireNonNull(table, "table is null");
        }
    }

    /** The clauses of {@code sql}, in text order. */
    public static TableVersionClauses find(String sql) {
        requireNonNull(sql, "sql is null");
        List<Token> tokens = tokenize(sql);
        List<Clause> clauses = new ArrayList<>();
        for (int i = 1; i + 4 < tokens.size(); i++) {
            if (!tokens.get(i).isWord(sql, "for")
                    || !tokens.get(i + 1).isWord(sql, "version")
                    || !tokens.get(i + 2).isWord(sql, "as")
                    || !tokens.get(i + 3).isWord(sql, "of")
                    || tokens.get(i + 4).kind() != Kind.NUMBER
                    || !tokens.get(i - 1).isIdentifier()) {
                continue;
            }
            long version;
            try {
                version = Long.parseLong(tokens.get(i + 4).text(sql));
            } catch (NumberFormatException e) {
                continue; // not an integer: left to the parser to reject
            }
            int nameStart = i - 1;
            while (nameStart >= 2
                    && tokens.get(nameStart - 1).isPunctuation('.')
                    && tokens.get(nameStart - 2).isIdentifier()) {
                nameStart -= 2;
            }
            List<String> parts = new ArrayList<>();
            for (int part = nameStart; part < i; part += 2) {
                parts.add(tokens.get(part).identifier(sql));
            }
            Token next = i + 5 < tokens.size() ? tokens.get(i + 5) : null;
            boolean aliased =
                    next != null
                            && (next.kind() == Kind.QUOTED_IDENTIFIER
                                    || (next.kind() == Kind.WORD
                                            && !FOLLOWING_KEYWORDS.contains(
                                                    next.text(sql).toLowerCase(Locale.ROOT))));
            clauses.add(
                    new Clause(
                            String.join(".", parts),
                            version,
                            tokens.get(nameStart).start(),
                            tokens.get(i).start(),
                            tokens.get(i + 4).end(),
                            aliased));
            i += 4;
        }
        return new TableVersionClauses(sql, clauses);
    }

    public List<Clause> clauses() {
        return clauses;
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** The statement with every clause replaced by spaces (line breaks kept): same offsets. */
    public String withoutClauses() {
        StringBuilder text = new StringBuilder(sql);
        for (Clause clause : clauses) {
            for (int i = clause.clauseStart(); i < clause.clauseEnd(); i++) {
                char c = text.charAt(i);
                if (c != '\n' && c != '\r') {
                    text.setCharAt(i, ' ');
                }
            }
        }
        return text.toString();
    }

    /**
     * The statement with each table reference that has a clause, from its name to its version
     * number, replaced by {@code replacement} of the clause.
     */
    public String replaceReferences(Function<Clause, String> replacement) {
        StringBuilder text = new StringBuilder();
        int copied = 0;
        for (Clause clause : clauses) {
            text.append(sql, copied, clause.tableStart()).append(replacement.apply(clause));
            copied = clause.clauseEnd();
        }
        return text.append(sql, copied, sql.length()).toString();
    }

    private enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        NUMBER,
        PUNCTUATION
    }

    private record Token(Kind kind, int start, int end, char first) {
        String text(String sql) {
            return sql.substring(start, end);
        }

        boolean isWord(String sql, String word) {
            return kind == Kind.WORD
                    && end - start == word.length()
                    && sql.regionMatches(true, start, word, 0, word.length());
        }

        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
        }

        boolean isPunctuation(char c) {
            return kind == Kind.PUNCTUATION && first == c;
        }

        String identifier(String sql) {
            if (kind == Kind.QUOTED_IDENTIFIER) {
                return sql.substring(start + 1, end - 1).replace("\"\"", "\"");
            }
            return text(sql).toLowerCase(Locale.ROOT);
        }
    }

    /** Words, quoted identifiers, numbers and punctuation; literals and comments are skipped. */
    private static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? length : close + 2;
            } else if (c == '\'') {
                i = closingQuote(sql, i, '\'');
                tokens.add(new Token(Kind.PUNCTUATION, i - 1, i, '\''));
            } else if (c == '"') {
                int end = closingQuote(sql, i, '"');
                tokens.add(new Token(Kind.QUOTED_IDENTIFIER, i, end, c));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < length
                        && (Character.isLetterOrDigit(sql.charAt(end))
                                || sql.charAt(end) == '_'
                                || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, i, end, c));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < length
                        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, i, end, c));
                i = end;
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, i, i + 1, c));
                i++;
            }
        }
        return tokens;
    }

    /** The offset after the quote closing the one at {@code open}; doubled quotes escape. */
    private static int closingQuote(String sql, int open, char quote) {
        int i = open + 1;
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
}
