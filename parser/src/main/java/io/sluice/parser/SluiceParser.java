package io.sluice.parser;

import static java.util.Objects.requireNonNull;

import io.sluice.parser.impl.ParseException;
import io.sluice.parser.impl.SluiceSqlParserImpl;
import io.sluice.parser.impl.SluiceSqlParserImplConstants;
import io.sluice.parser.impl.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Entry point for parsing Sluice SQL and writing parse trees back as Sluice SQL.
 *
 * <p>Identifiers follow Postgres: unquoted names fold to lower case, double-quoted names keep their
 * case, and lookups are case-sensitive.
 */
public final class SluiceParser {
    private static final int MAX_EXPECTED_TOKENS = 5;
    private static final String NON_QUERY_MESSAGE = "Non-query expression encountered";

    private static final SqlParser.Config CONFIG =
            SqlParser.config()
                    .withParserFactory(SluiceSqlParserImpl.FACTORY)
                    .withQuoting(Quoting.DOUBLE_QUOTE)
                    .withUnquotedCasing(Casing.TO_LOWER)
                    .withQuotedCasing(Casing.UNCHANGED)
                    .withCaseSensitive(true)
                    .withConformance(SqlConformanceEnum.BABEL);

    private SluiceParser() {}

    /** Parser configuration of the Sluice dialect, for code that drives Calcite directly. */
    public static SqlParser.Config config() {
        return CONFIG;
    }

    /**
     * Parses zero or more statements separated by semicolons; a trailing semicolon is allowed.
     *
     * @throws SluiceParseException if the text is not valid Sluice SQL
     */
    public static List<SqlNode> parseStatements(String sql) {
        requireNonNull(sql, "sql is null");
        try {
            SqlNodeList statements = SqlParser.create(sql, CONFIG).parseStmtList();
            for (SqlNode statement : statements) {
                StarAliasCheck.check(sql, statement);
            }
            return List.copyOf(statements.getList());
        } catch (SqlParseException e) {
            if (e.getCause() instanceof IndexOutOfBoundsException) {
                // Calcite fails to compute the position of an empty statement list; a script of
                // only whitespace and comments is an empty query, as in Postgres.
                return List.of();
            }
            throw toSluiceException(sql, e);
        }
    }

    /**
     * Parses exactly one statement (an optional trailing semicolon aside).
     *
     * @throws SluiceParseException if the text is not one valid Sluice SQL statement
     */
    public static SqlNode parseStatement(String sql) {
        List<SqlNode> statements = parseStatements(sql);
        if (statements.size() != 1) {
            throw new SluiceParseException(
                    "expected exactly one statement, found " + statements.size(), 1, 1, 0, null);
        }
        return statements.get(0);
    }

    /**
     * Writes {@code node} as Sluice SQL, without a trailing semicolon; the result parses back to an
     * equal tree. DDL comes out on one line; an INSERT starts its query on a new line.
     */
    public static String unparse(SqlNode node) {
        requireNonNull(node, "node is null");
        return node.toSqlString(
                        config ->
                                config.withDialect(SluiceSqlDialect.INSTANCE)
                                        .withQuoteAllIdentifiers(false)
                                        .withAlwaysUseParentheses(false)
                                        .withSelectListItemsOnSeparateLines(false)
                                        .withUpdateSetListNewline(false)
                                        .withIndentation(0)
                                        .withClauseStartsLine(false)
                                        .withClauseEndsLine(false))
                .getSql();
    }

    private static SluiceParseException toSluiceException(String sql, SqlParseException e) {
        SqlParserPos pos = e.getPos();
        if (pos == null || pos.getLineNum() <= 0) {
            return new SluiceParseException(firstLine(e.getMessage()), 1, 1, -1, e);
        }
        int line = pos.getLineNum();
        int column = pos.getColumnNum();
        int offset = offsetOf(sql, line, column);
        Token offending = offendingToken(e);
        if (offending != null) {
            if (offending.kind == SluiceSqlParserImplConstants.EOF) {
                return new SluiceParseException(
                        "syntax error at end of input" + expectedHint(e), line, column, offset, e);
            }
            if (offending.kind == SluiceSqlParserImplConstants.QUOTE) {
                // A lone quote token only appears when a string literal never ends.
                return new SluiceParseException(
                        "unterminated quoted string at or near \"" + restOfLine(sql, offset) + "\"",
                        line,
                        column,
                        offset,
                        e);
            }
            SluiceParseException starAlias = starAliasBefore(sql, offset, e);
            if (starAlias != null) {
                return starAlias;
            }
            return new SluiceParseException(
                    "syntax error at or near \"" + offending.image + "\"" + expectedHint(e),
                    line,
                    column,
                    offset,
                    e);
        }
        String message;
        if (e.getMessage() != null && e.getMessage().startsWith(NON_QUERY_MESSAGE)) {
            // What Calcite reports for a misspelt leading keyword ("SELEC 1"): the word was read
            // as an expression, which cannot stand alone as a statement.
            message = "syntax error at or near \"" + wordAt(sql, offset) + "\"";
        } else {
            message = firstLine(e.getMessage());
        }
        return new SluiceParseException(message, line, column, offset, e);
    }

    private static @Nullable Token offendingToken(SqlParseException e) {
        if (e.getCause() instanceof ParseException cause
                && cause.currentToken != null
                && cause.currentToken.next != null) {
            return cause.currentToken.next;
        }
        return null;
    }

    /**
     * Calcite accepts an alias after {@code *}, so in {@code SELECT * FORM t} the misspelt keyword
     * is taken for an alias and the error lands on {@code t}. Postgres rejects the alias itself;
     * point at it the same way.
     */
    private static @Nullable SluiceParseException starAliasBefore(
            String sql, int offset, SqlParseException e) {
        int wordEnd = skipWhitespaceBackwards(sql, offset);
        int wordStart = wordEnd;
        while (wordStart > 0 && isWordChar(sql.charAt(wordStart - 1))) {
            wordStart--;
        }
        if (wordStart == wordEnd) {
            return null;
        }
        int beforeWord = skipWhitespaceBackwards(sql, wordStart);
        if (beforeWord == 0 || sql.charAt(beforeWord - 1) != '*') {
            return null;
        }
        String word = sql.substring(wordStart, wordEnd);
        if (word.equalsIgnoreCase("as")) {
            return null;
        }
        int[] lineAndColumn = lineAndColumnOf(sql, wordStart);
        return new SluiceParseException(
                "syntax error at or near \"" + word + "\"",
                lineAndColumn[0],
                lineAndColumn[1],
                wordStart,
                e);
    }

    private static int skipWhitespaceBackwards(String sql, int offset) {
        int i = Math.min(offset, sql.length());
        while (i > 0 && Character.isWhitespace(sql.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String expectedHint(SqlParseException e) {
        List<String> expected = new ArrayList<>();
        for (String token : e.getExpectedTokenNames()) {
            // Keywords and punctuation help a user; token classes like <QUOTED_STRING> do not.
            if (token.startsWith("\"") && !expected.contains(token)) {
                expected.add(token);
            }
        }
        if (expected.isEmpty()) {
            return "";
        }
        expected.sort(null);
        StringBuilder hint = new StringBuilder(" (expected ");
        if (expected.size() > 1) {
            hint.append("one of ");
        }
        hint.append(
                String.join(
                        ", ", expected.subList(0, Math.min(MAX_EXPECTED_TOKENS, expected.size()))));
        if (expected.size() > MAX_EXPECTED_TOKENS) {
            hint.append(", ...");
        }
        return hint.append(')').toString();
    }

    private static String restOfLine(String sql, int offset) {
        int end = offset;
        while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
            end++;
        }
        return sql.substring(offset, end);
    }

    /** 1-based line and column of a 0-based offset; the inverse of {@link #offsetOf}. */
    static int[] lineAndColumnOf(String sql, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /**
     * Converts a 1-based line and column, counted as the parser counts them (every character one
     * column; CR, LF and CRLF each end a line), into a 0-based offset.
     */
    static int offsetOf(String sql, int line, int column) {
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

    static String wordAt(String sql, int offset) {
        if (offset < 0 || offset >= sql.length()) {
            return "";
        }
        int end = offset;
        while (end < sql.length()
                && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return sql.substring(offset, Math.max(end, offset + 1));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.strip().toLowerCase(Locale.ROOT).startsWith("encountered")
                ? "syntax error"
                : first.strip();
    }
}
