package io.sluice.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import io.sluice.server.pgcatalog.PgSqlTokens.Kind;
import io.sluice.server.pgcatalog.PgSqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the catalog queries PostgreSQL clients send and rewrites them into DuckDB SQL over the
 * mirrored catalog: {@code pg_catalog.x} and {@code information_schema.x} name the mirror's own
 * schemas (DuckDB reserves those two names for its own catalog), {@code OPERATOR(pg_catalog.~)}
 * becomes {@code ~}, {@code COLLATE pg_catalog.default} goes, and casts to {@code regclass}, {@code
 * regtype}, {@code regproc}, {@code oid}, {@code name} and array literals become DuckDB
 * expressions.
 */
final class PgCatalogRewriter {
    static final String CATALOG_SCHEMA = "pgcat";
    static final String INFORMATION_SCHEMA = "pgisc";
    static final String SLUICE_SCHEMA = "sluice";

    /** Functions that also exist outside the catalog; they alone do not make a catalog query. */
    private static final Set<String> GENERIC_FUNCTIONS =
            Set.of(
                    "array_to_string",
                    "array_upper",
                    "array_lower",
                    "text_array",
                    "regclass_in",
                    "regtype_in",
                    "format_type_name");

    private static final Set<String> NILADIC =
            Set.of(
                    "current_user",
                    "session_user",
                    "current_role",
                    "current_catalog",
                    "current_schema");

    private static final Set<String> OID_TYPES =
            Set.of(
                    "regclass",
                    "regtype",
                    "regproc",
                    "regprocedure",
                    "regnamespace",
                    "regrole",
                    "regoper",
                    "regoperator",
                    "regconfig",
                    "oid",
                    "xid",
                    "cid",
                    "tid");

    private static final Set<String> TEXT_TYPES =
            Set.of("name", "text", "char", "bpchar", "varchar");

    /**
     * Words that would make DuckDB change something (WITH … DELETE, say); statements holding them
     * are never catalog queries, so the mirror only ever reads.
     */
    private static final Set<String> WRITING_WORDS =
            Set.of(
                    "insert",
                    "update",
                    "delete",
                    "merge",
                    "create",
                    "drop",
                    "alter",
                    "copy",
                    "attach",
                    "detach",
                    "pragma",
                    "set",
                    "reset",
                    "install",
                    "load",
                    "call",
                    "export",
                    "import",
                    "checkpoint",
                    "truncate",
                    "vacuum",
                    "use");

    private final Set<String> catalogRelations;
    private final Set<String> catalogFunctions;
    private final Set<String> informationSchemaRelations;

    PgCatalogRewriter(
            Set<String> catalogRelations,
            Set<String> catalogFunctions,
            Set<String> informationSchemaRelations) {
        this.catalogRelations = Set.copyOf(requireNonNull(catalogRelations, "catalogRelations"));
        this.catalogFunctions = Set.copyOf(requireNonNull(catalogFunctions, "catalogFunctions"));
        this.informationSchemaRelations =
                Set.copyOf(requireNonNull(informationSchemaRelations, "informationSchema"));
    }

    /** The rewritten query, or empty when {@code sql} is not a query about the catalog. */
    Optional<String> rewrite(String sql) {
        List<Token> tokens = new ArrayList<>();
        // The white space before each token, kept so that operators such as !~ stay whole.
        List<String> spaces = new ArrayList<>();
        String space = "";
        for (Token token : PgSqlTokens.tokenize(sql)) {
            if (token.kind() == Kind.SPACE) {
                space = token.text().startsWith("--") ? "\n" : " ";
            } else {
                tokens.add(token);
                spaces.add(space);
                space = "";
            }
        }
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).is(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty() || !startsQuery(tokens)) {
            return Optional.empty();
        }
        for (Token token : tokens) {
            if (token.kind() == Kind.IDENTIFIER && WRITING_WORDS.contains(token.name())) {
                return Optional.empty();
            }
        }
        boolean catalogQuery = false;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            out.add(spaces.get(i));
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            // OPERATOR(pg_catalog.~) → ~
            if (token.is("operator") && next != null && next.is("(")) {
                int close = indexOf(tokens, ")", i + 2);
                if (close > 0 && close - i <= 6) {
                    out.add(tokens.get(close - 1).text());
                    i = close;
                    continue;
                }
            }
            // COLLATE pg_catalog."default" / COLLATE "C" → nothing
            if (token.is("collate") && next != null) {
                int skip = i + 1;
                if (next.isName()
                        && skip + 2 < tokens.size()
                        && tokens.get(skip + 1).is(".")
                        && tokens.get(skip + 2).isName()) {
                    skip += 2;
                }
                i = skip;
                continue;
            }
            if (token.is("::")) {
                i = rewriteCast(tokens, i, out);
                catalogQuery |= castsToCatalogType(tokens, i);
                continue;
            }
            if (token.isName() && next != null && next.is(".") && i + 2 < tokens.size()) {
                String schema = token.name();
                Token object = tokens.get(i + 2);
                if (schema.equals("pg_catalog") && object.isName()) {
                    catalogQuery = true;
                    String name = object.name();
                    out.add(
                            catalogRelations.contains(name) || catalogFunctions.contains(name)
                                    ? CATALOG_SCHEMA + "." + quote(name)
                                    : object.text());
                    i += 2;
                    continue;
                }
                if (schema.equals("information_schema") && object.isName()) {
                    catalogQuery = true;
                    String name = object.name();
                    out.add(
                            (informationSchemaRelations.contains(name)
                                                    || !catalogFunctions.contains(name)
                                            ? INFORMATION_SCHEMA
                                            : CATALOG_SCHEMA)
                                    + "."
                                    + quote(name));
                    i += 2;
                    continue;
                }
                if (schema.equals(SLUICE_SCHEMA) && (previous == null || !previous.is("."))) {
                    catalogQuery = true;
                }
            }
            if (token.kind() == Kind.IDENTIFIER
                    && (previous == null || !previous.is(".") && !previous.is("as"))
                    && (next == null || !next.is("."))) {
                String name = token.name();
                boolean call = next != null && next.is("(");
                if (call && catalogFunctions.contains(name)) {
                    catalogQuery |= !GENERIC_FUNCTIONS.contains(name);
                    out.add(CATALOG_SCHEMA + "." + name);
                    continue;
                }
                if (!call && NILADIC.contains(name)) {
                    catalogQuery = true;
                    out.add(CATALOG_SCHEMA + "." + name + "()");
                    continue;
                }
                if (!call && catalogRelations.contains(name) && afterFromOrJoin(previous)) {
                    catalogQuery = true;
                    out.add(CATALOG_SCHEMA + "." + name);
                    continue;
                }
            }
            out.add(token.text());
        }
        return catalogQuery ? Optional.of(String.join("", out)) : Optional.empty();
    }

    private static boolean afterFromOrJoin(Token previous) {
        return previous != null && (previous.is("from") || previous.is("join") || previous.is(","));
    }

    private static boolean startsQuery(List<Token> tokens) {
        Token first = tokens.get(0);
        return first.is("select")
                || first.is("with")
                || first.is("(")
                || first.is("values")
                || first.is("table");
    }

    private static boolean castsToCatalogType(List<Token> tokens, int lastTypeToken) {
        // Casts to reg* types only occur in catalog queries.
        for (int j = lastTypeToken; j > 0 && j > lastTypeToken - 4; j--) {
            String name = tokens.get(j).name();
            if (name.startsWith("reg") && OID_TYPES.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rewrites {@code :: [pg_catalog.] type [[]]} starting at {@code castIndex}; returns the index
     * of the last token consumed.
     */
    private int rewriteCast(List<Token> tokens, int castIndex, List<String> out) {
        int i = castIndex + 1;
        if (i + 1 < tokens.size() && tokens.get(i).name().equals("pg_catalog")) {
            i += 2;
        }
        if (i >= tokens.size()) {
            out.add("::");
            return castIndex;
        }
        String type = tokens.get(i).name();
        boolean array =
                i + 2 < tokens.size() && tokens.get(i + 1).is("[") && tokens.get(i + 2).is("]");
        int last = array ? i + 2 : i;
        // out ends with the space before "::"; the literal, if any, is the element before it.
        int literalSlot = out.size() - 2;
        String previous = literalSlot >= 0 ? out.get(literalSlot) : "";
        Token literal = tokens.get(castIndex - 1);
        boolean isLiteral = literal.kind() == Kind.STRING && previous.equals(literal.text());
        if (isLiteral && !array) {
            String value = literal.stringValue();
            switch (type) {
                case "regclass":
                    out.set(
                            literalSlot,
                            CATALOG_SCHEMA + ".regclass_in(" + quoteLiteral(value) + ")");
                    return last;
                case "regtype":
                    out.set(
                            literalSlot,
                            CATALOG_SCHEMA + ".regtype_in(" + quoteLiteral(value) + ")");
                    return last;
                case "regproc":
                case "regprocedure":
                    out.set(literalSlot, quoteLiteral(value.replaceFirst("^pg_catalog\\.", "")));
                    return last;
                default:
                    break;
            }
        }
        if (isLiteral && array && literal.stringValue().strip().startsWith("{")) {
            out.set(literalSlot, CATALOG_SCHEMA + ".text_array(" + literal.text() + ")");
            if (!TEXT_TYPES.contains(type)) {
                out.add("::" + duckType(type) + "[]");
            }
            return last;
        }
        out.add("::" + duckType(type) + (array ? "[]" : ""));
        return last;
    }

    private static String duckType(String type) {
        if (OID_TYPES.contains(type)) {
            return "UINTEGER";
        }
        if (TEXT_TYPES.contains(type)) {
            return "VARCHAR";
        }
        switch (type) {
            case "int2vector":
                return "SMALLINT[]";
            case "oidvector":
                return "UINTEGER[]";
            default:
                return type;
        }
    }

    private static int indexOf(List<Token> tokens, String symbol, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is(symbol)) {
                return i;
            }
        }
        return -1;
    }

    static String quote(String name) {
        if (name.matches("[a-z_][a-z0-9_]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
