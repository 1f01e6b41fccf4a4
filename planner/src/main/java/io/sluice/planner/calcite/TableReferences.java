package io.sluice.planner.calcite;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The tables a query reads, found in FROM clauses, joins, subqueries anywhere in the query, and
 * WITH items; names defined by WITH are not tables.
 */
public final class TableReferences {
    /** One table named in the query, where it was written. */
    public record Reference(String name, SqlParserPos position) {
        public Reference {
            requireNonNull(name, "name is null");
            requireNonNull(position, "position is null");
        }
    }

    private final List<Reference> references = new ArrayList<>();

    private TableReferences() {}

    /** Every table reference in {@code query}, in the order written. */
    public static List<Reference> collect(SqlNode query) {
        TableReferences collector = new TableReferences();
        collector.query(query, Set.of());
        return List.copyOf(collector.references);
    }

    private void query(SqlNode node, Set<String> withNames) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlSelect select) {
            from(select.getFrom(), withNames);
            expression(select.getSelectList(), withNames);
            expression(select.getWhere(), withNames);
            expression(select.getGroup(), withNames);
            expression(select.getHaving(), withNames);
            expression(select.getQualify(), withNames);
            expression(select.getOrderList(), withNames);
            return;
        }
        if (node instanceof SqlOrderBy orderBy) {
            query(orderBy.query, withNames);
            expression(orderBy.orderList, withNames);
            return;
        }
        if (node instanceof SqlWith with) {
            Set<String> names = new HashSet<>(withNames);
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                // A (non-recursive) WITH item sees only the items before it.
                query(withItem.query, names);
                names.add(withItem.name.getSimple());
            }
            query(with.body, names);
            return;
        }
        expression(node, withNames);
    }

    private void from(SqlNode node, Set<String> withNames) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier identifier) {
            String name = String.join(".", identifier.names);
            if (!(identifier.isSimple() && withNames.contains(name))) {
                references.add(new Reference(name, identifier.getParserPosition()));
            }
            return;
        }
        if (node instanceof SqlJoin join) {
            from(join.getLeft(), withNames);
            from(join.getRight(), withNames);
            expression(join.getCondition(), withNames);
            return;
        }
        if (node instanceof SqlCall call
                && (call.getKind() == SqlKind.AS
                        || call.getKind() == SqlKind.EXPLICIT_TABLE
                        || call.getKind() == SqlKind.LATERAL
                        || call.getKind() == SqlKind.TABLESAMPLE
                        || call.getKind() == SqlKind.SNAPSHOT)) {
            from(call.operand(0), withNames);
            for (int i = 1; i < call.operandCount(); i++) {
                expression(call.operand(i), withNames);
            }
            return;
        }
        query(node, withNames);
    }

    private void expression(SqlNode node, Set<String> withNames) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode element : list) {
                expression(element, withNames);
            }
            return;
        }
        if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith) {
            query(node, withNames);
            return;
        }
        if (node instanceof SqlCall call) {
            if (call.getKind() == SqlKind.EXPLICIT_TABLE) {
                from(call.operand(0), withNames);
                return;
            }
            for (SqlNode operand : call.getOperandList()) {
                if (operand instanceof SqlSelect
                        || operand instanceof SqlOrderBy
                        || operand instanceof SqlWith) {
                    query(operand, withNames);
                } else {
                    expression(operand, withNames);
                }
            }
        }
    }
}
