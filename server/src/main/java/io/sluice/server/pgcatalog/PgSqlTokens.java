package io.sluice.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits PostgreSQL text into tokens, keeping every character so the text can be rebuilt. */
final class PgSqlTokens {
    /** What a token is; only the distinctions the rewriting needs. */
    enum Kind {
        SPACE,
        STRING,
        QUOTED_IDENTIFIER,
        IDENTIFIER,
        NUMBER,
        PARAMETER,
        SYMBOL
    }

    /** One token and its exact text. */
    record Token(Kind kind, String text) {
        Token {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }

        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENTIFIER)
                    && text.equalsIgnoreCase(symbolOrWord);
        }

        /** The name an identifier stands for: lower-cased unless quoted. */
        String name() {
            if (kind == Kind.QUOTED_IDENTIFIER) {
                return text.substring(1, text.length() - 1).replace("\"\"", "\"");
            }
            return text.toLowerCase(Locale.ROOT);
        }

        boolean isName() {
            return kind == Kind.IDENTIFIER || kind == Kind.QUOTED_IDENTIFIER;
        }

        /** The value of a string literal, escapes resolved for the simple cases clients send. */
        String stringValue() {
            boolean escaped = text.startsWith("E") || text.startsWith("e");
            String body = text.substring(escaped ? 2 : 1, text.length() - 1).replace("''", "'");
            return escaped ? body.replace("\\\\", "\\").replace("\\'", "'") : body;
        }
    }

    private PgSqlTokens() {}

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.SPACE, sql.substring(start, i)));
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                tokens.add(new Token(Kind.SPACE, sql.substring(start, i)));
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                tokens.add(new Token(Kind.SPACE, sql.substring(start, i)));
            } else if (c == '\''
                    || (c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                boolean escapes = c != '\'';
                i += escapes ? 2 : 1;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (escapes && d == '\\' && i + 1 < n) {
                        i += 2;
                    } else if (d == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                tokens.add(new Token(Kind.STRING, sql.substring(start, i)));
            } else if (c == '"') {
                i++;
                while (i < n) {
                    if (sql.charAt(i) == '"' && i + 1 < n && sql.charAt(i + 1) == '"') {
                        i += 2;
                    } else if (sql.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                tokens.add(new Token(Kind.QUOTED_IDENTIFIER, sql.substring(start, i)));
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.PARAMETER, sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i))
                                || sql.charAt(i) == '_'
                                || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, sql.substring(start, i)));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i)));
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
                tokens.add(new Token(Kind.SYMBOL, "::"));
            } else {
                i++;
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
            }
        }
        return tokens;
    }
}
