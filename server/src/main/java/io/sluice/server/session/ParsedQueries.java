package io.sluice.server.session;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.SluiceException;
import io.sluice.planner.LakeQueryAnalyzer;
import io.sluice.planner.catalog.CatalogView;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * The parses of the lake queries a session ran, by statement text, so that a repeated query, or a
 * prepared statement executed again with other parameter values, skips the SQL parser (which costs
 * more than answering a small query). Queries the grammar refused and DuckDB was asked instead
 * (PostgreSQL syntax the grammar does not cover) are remembered as such, so they skip the parser
 * too; should DuckDB refuse one as well, the parser runs again for the error to report.
 *
 * <p>A parse depends on the text alone, never on the catalog, so entries need no invalidation: what
 * does depend on the catalog (whether the tables named exist and are lake tables) is checked again
 * on every reuse. The key is the text as the client sent it, placeholders unbound; bound values are
 * literals, which change no table a query names. Only a reuse that passes that check is offered: a
 * query the check refuses is parsed again, so its error points into the text being run.
 */
final class ParsedQueries {
    private static final int CAPACITY = 256;

    /** Longer texts are rarely repeated verbatim; keeping them would only take memory. */
    private static final int MAX_TEXT_LENGTH = 16 * 1024;

    /** By statement text: the parse of a query, or empty for a query the grammar refused. */
    private final BoundedCache<String, Optional<SqlNode>> parses = new BoundedCache<>(CAPACITY);

    /** Remembers the parse of a query; {@code statement} is its text with placeholders unbound. */
    void remember(String statement, SqlNode query) {
        requireNonNull(query, "query is null");
        if (statement.length() <= MAX_TEXT_LENGTH) {
            parses.put(statement, Optional.of(query));
        }
    }

    /** Remembers that the grammar refused a statement that starts like a query. */
    void rememberRefused(String statement) {
        if (statement.length() <= MAX_TEXT_LENGTH) {
            parses.put(statement, Optional.empty());
        }
    }

    /** Whether the grammar refused {@code statement} before (see {@link #rememberRefused}). */
    boolean refusedBefore(String statement) {
        return statement.length() <= MAX_TEXT_LENGTH
                && parses.get(statement).map(Optional::isEmpty).orElse(false);
    }

    /**
     * The parse remembered for {@code statement}, if there is one and the query it holds may run
     * against {@code catalog} now.
     *
     * @param boundSql the text that will run: {@code statement} with its parameters bound
     */
    Optional<SqlNode> reusable(String statement, String boundSql, CatalogView catalog) {
        if (statement.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        Optional<SqlNode> query = parses.get(statement).flatMap(parse -> parse);
        if (query.isEmpty()) {
            return Optional.empty();
        }
        try {
            LakeQueryAnalyzer.checkLakeQuery(boundSql, query.get(), catalog);
        } catch (SluiceException e) {
            return Optional.empty();
        }
        return query;
    }
}
