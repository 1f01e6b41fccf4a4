package io.sluice.planner;

import io.sluice.parser.SluiceParser;
import io.sluice.parser.ddl.SqlCreateConnectionProfile;
import io.sluice.parser.ddl.SqlCreateSluiceTable;
import io.sluice.planner.catalog.InMemoryCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;

/** Runs a script of DDL and one INSERT the way the server does. */
final class PlannerHarness {
    private final DdlAnalyzer ddl = new DdlAnalyzer(TestConnectors.INSTANCE);
    private InMemoryCatalog catalog = InMemoryCatalog.empty();

    InMemoryCatalog catalog() {
        return catalog;
    }

    /** Applies every DDL statement of {@code sql}; returns the INSERT plans in order. */
    List<PlannedInsert> run(String sql) {
        List<SqlNode> statements = SluiceParser.parseStatements(sql);
        List<PlannedInsert> plans = new ArrayList<>();
        for (SqlNode statement : statements) {
            if (statement instanceof SqlCreateConnectionProfile profile) {
                catalog = catalog.withProfile(ddl.analyzeProfile(sql, profile));
            } else if (statement instanceof SqlCreateSluiceTable table) {
                catalog = catalog.withTable(ddl.analyzeTable(sql, table, catalog));
            } else if (statement instanceof SqlInsert insert) {
                PlannedInsert planned =
                        new PipelinePlanner()
                                .planInsert(sql, insert, catalog, "p1", PlanOptions.defaults());
                String target = String.join(".", ((SqlIdentifier) insert.getTargetTable()).names);
                if (planned.inferredSinkSchema().isPresent()) {
                    catalog =
                            catalog.withTable(
                                    catalog.table(target)
                                            .orElseThrow()
                                            .withColumns(planned.inferredSinkSchema().get()));
                }
                plans.add(planned);
            } else {
                throw new IllegalArgumentException("unexpected statement " + statement.getKind());
            }
        }
        return plans;
    }
}
