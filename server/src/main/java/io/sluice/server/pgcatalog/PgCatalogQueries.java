package io.sluice.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgStatementDescription;
import io.sluice.pgwire.PgType;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.session.BoundedCache;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers the catalog queries PostgreSQL clients send ({@code pg_catalog.*}, {@code
 * information_schema.*}, {@code sluice.*} and functions such as {@code version()}, {@code
 * current_schema()}, {@code format_type}) from Sluice's catalog: its tables appear in schema {@code
 * public} with their columns and PostgreSQL types, pipelines, connection profiles and tables as
 * {@code sluice.pipelines}, {@code sluice.connection_profiles} and {@code sluice.tables}.
 *
 * <p>The answers come from a DuckDB copy of the catalog in PostgreSQL's shape, refreshed before
 * each query; DuckDB's PostgreSQL-derived parser takes the clients' SQL after a light rewrite.
 * DuckDB rather than Calcite's enumerable engine: client catalog SQL leans on PostgreSQL semantics
 * (implicit casts between text and oids, {@code = ANY(array)}, {@code E''} strings, {@code !~},
 * 1-based array subscripts, {@code generate_series} with column aliases, correlated subqueries in
 * select lists) that DuckDB already shares and that Calcite's parser and validator would each need
 * teaching; what DuckDB lacks ({@code regclass}, {@code OPERATOR(pg_catalog.~)}, a schema of its
 * own called {@code pg_catalog}) is a token-level rewrite plus a few SQL macros.
 *
 * <p>Thread-safe; one instance serves every session.
 */
public final class PgCatalogQueries implements AutoCloseable {
    /** Longer texts are rarely repeated verbatim; keeping their rewrites would only take memory. */
    private static final int MAX_CACHED_TEXT_LENGTH = 16 * 1024;

    private final Supplier<CatalogSnapshot> snapshots;
    private final PgCatalogDatabase database;
    private final PgCatalogRewriter rewriter;

    /**
     * Rewrites by statement text: every statement a client sends passes here first, and most are
     * repeated. A rewrite depends on the text alone.
     */
    private final BoundedCache<String, Optional<String>> rewrites = new BoundedCache<>(1024);

    public PgCatalogQueries(CatalogStore catalog, String versionText) {
        this(() -> CatalogSnapshot.of(requireNonNull(catalog, "catalog is null")), versionText);
    }

    PgCatalogQueries(Supplier<CatalogSnapshot> snapshots, String versionText) {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.database = new PgCatalogDatabase(requireNonNull(versionText, "versionText is null"));
        this.rewriter =
                new PgCatalogRewriter(
                        database.catalogRelations(),
                        database.catalogFunctions(),
                        database.informationSchemaRelations());
    }

    /** What {@code version()} answers: PostgreSQL's version first, as clients parse it. */
    public static String versionText(String serverVersion, String sluiceVersion) {
        return "PostgreSQL "
                + serverVersion
                + " (Sluice "
                + sluiceVersion
                + ") on x86_64-pc-linux-gnu, compiled by javac, 64-bit";
    }

    /** Whether {@code sql} is a query this class answers. */
    public boolean handles(String sql) {
        return rewrite(sql).isPresent();
    }

    /**
     * Runs {@code sql} if it is a catalog query.
     *
     * @param parameters values for {@code $n} placeholders
     * @return the rows, or empty when {@code sql} is not a catalog query
     * @throws SluiceException when the query fails
     */
    public Optional<PgResult> answer(
            String sql, List<Object> parameters, PgCatalogSessionInfo session) {
        Optional<String> rewritten = rewrite(sql);
        if (rewritten.isEmpty()) {
            return Optional.empty();
        }
        PgCatalogDatabase.Answer answer = run(rewritten.get(), parameters, session);
        return Optional.of(PgResult.rows(answer.columns(), answer.rows().iterator()));
    }

    /** Describes a catalog query without returning its rows; empty when it is not one. */
    public Optional<PgStatementDescription> describe(
            String sql, List<PgType> parameterTypes, PgCatalogSessionInfo session) {
        Optional<String> rewritten = rewrite(sql);
        if (rewritten.isEmpty()) {
            return Optional.empty();
        }
        int count = Math.max(placeholders(sql), parameterTypes.size());
        List<PgType> types = new ArrayList<>();
        List<Object> nulls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PgType declared = i < parameterTypes.size() ? parameterTypes.get(i) : PgType.UNKNOWN;
            types.add(declared == PgType.UNKNOWN ? PgType.TEXT : declared);
            nulls.add(null);
        }
        PgCatalogDatabase.Answer answer =
                run("SELECT * FROM (" + rewritten.get() + ") AS described LIMIT 0", nulls, session);
        return Optional.of(PgStatementDescription.rows(types, answer.columns()));
    }

    private Optional<String> rewrite(String sql) {
        return sql.length() > MAX_CACHED_TEXT_LENGTH
                ? rewriter.rewrite(sql)
                : rewrites.get(sql, rewriter::rewrite);
    }

    private PgCatalogDatabase.Answer run(
            String sql, List<Object> parameters, PgCatalogSessionInfo session) {
        try {
            return database.query(sql, parameters, session, snapshots.get());
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "catalog query failed" : e.getMessage();
            int newline = message.indexOf('\n');
            throw new SluiceException(
                    message.contains("Parser Error")
                            ? ErrorCode.SYNTAX_ERROR
                            : message.contains("does not exist")
                                    ? ErrorCode.UNDEFINED_TABLE
                                    : ErrorCode.FEATURE_NOT_SUPPORTED,
                    "catalog query failed: "
                            + (newline > 0 ? message.substring(0, newline) : message),
                    e);
        }
    }

    private static int placeholders(String sql) {
        int max = 0;
        for (PgSqlTokens.Token token : PgSqlTokens.tokenize(sql)) {
            if (token.kind() == PgSqlTokens.Kind.PARAMETER) {
                max = Math.max(max, Integer.parseInt(token.text().substring(1)));
            }
        }
        return max;
    }

    @Override
    public void close() {
        database.close();
    }
}
