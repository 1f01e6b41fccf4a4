package io.sluice.server.lake;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.parser.SluiceParser;
import io.sluice.parser.TableVersionClauses;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Parses statements that may read older versions of lake tables: {@code SELECT … FROM t FOR VERSION
 * AS OF n}. The clause is checked here; {@link LakeScans} turns it into a scan of that version.
 */
public final class LakeTimeTravel {
    private LakeTimeTravel() {}

    /**
     * Parses one statement that may hold version clauses; only a query (or EXPLAIN of one) may.
     *
     * @throws io.sluice.parser.SluiceParseException if the text is not one valid statement
     * @throws SluiceException FEATURE_NOT_SUPPORTED for a version clause outside a query
     */
    public static SqlNode parseStatement(String sql) {
        TableVersionClauses clauses = TableVersionClauses.find(sql);
        SqlNode node = SluiceParser.parseStatement(clauses.withoutClauses());
        SqlNode query = node instanceof SqlExplain explain ? explain.getExplicandum() : node;
        if (!clauses.isEmpty() && !query.getKind().belongsTo(SqlKind.QUERY)) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "FOR VERSION AS OF is only supported in queries",
                    clauses.clauses().get(0).clauseStart(),
                    null);
        }
        return node;
    }
}
