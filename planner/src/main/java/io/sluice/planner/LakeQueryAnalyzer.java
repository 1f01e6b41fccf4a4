package io.sluice.planner;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.calcite.TableReferences;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;

/** Finds the tables an ad-hoc SELECT reads, so the server can route it to the lake engine. */
public final class LakeQueryAnalyzer {
    private LakeQueryAnalyzer() {}

    /** The names of the tables {@code query} reads, in the order first written. */
    public static Set<String> referencedTables(SqlNode query) {
        Set<String> names = new LinkedHashSet<>();
        for (TableReferences.Reference reference : TableReferences.collect(query)) {
            names.add(reference.name());
        }
        return names;
    }

    /** The tables {@code query} reads, classified by the catalog. */
    public static LakeQueryTables classify(SqlNode query, CatalogView catalog) {
        Set<String> lake = new HashSet<>();
        Set<String> sources = new HashSet<>();
        Set<String> other = new HashSet<>();
        for (String name : referencedTables(query)) {
            Optional<TableDefinition> table = catalog.table(name);
            if (table.isEmpty()) {
                other.add(name);
            } else if (table.get().kind() == TableKind.SOURCE) {
                sources.add(name);
            } else {
                lake.add(name);
            }
        }
        return new LakeQueryTables(lake, sources, other);
    }

    /**
     * Classifies the tables of {@code query} and rejects a query over a source table, which would
     * need a streaming SELECT.
     *
     * @param sql the statement text, for the error position
     * @throws SluiceException FEATURE_NOT_SUPPORTED naming the first source table read, or
     *     UNDEFINED_TABLE for an unqualified name the catalog does not know (qualified names such
     *     as {@code pg_catalog.pg_class}, and bare {@code pg_*} names, are left to the query
     *     engine)
     */
    public static LakeQueryTables checkLakeQuery(String sql, SqlNode query, CatalogView catalog) {
        for (TableReferences.Reference reference : TableReferences.collect(query)) {
            Optional<TableDefinition> table = catalog.table(reference.name());
            if (table.isEmpty()
                    && !reference.name().contains(".")
                    && !reference.name().startsWith("pg_")) {
                throw new SluiceException(
                        ErrorCode.UNDEFINED_TABLE,
                        "relation \"" + reference.name() + "\" does not exist",
                        Positions.offset(sql, reference.position()),
                        null);
            }
            if (table.isPresent() && table.get().kind() == TableKind.SOURCE) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "streaming SELECT over source table "
                                + reference.name()
                                + " is not supported yet; INSERT INTO a sink",
                        Positions.offset(sql, reference.position()),
                        null);
            }
        }
        return classify(query, catalog);
    }
}
