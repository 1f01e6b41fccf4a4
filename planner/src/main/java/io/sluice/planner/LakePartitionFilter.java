package io.sluice.planner;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.calcite.TableReferences;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlBetweenOperator;

/**
 * A comparison of a column with constants that every row a query reads from a table must pass, such
 * as {@code dt = '2026-01-02'} or {@code hour BETWEEN 3 AND 5}; lake tables skip the files whose
 * partition values fail it.
 *
 * <p>Only conjuncts of the WHERE clause of the SELECT whose FROM names the table are taken, and
 * only when the query names the table once: a filter found that way removes every row of a failing
 * file anyway, so skipping the file changes no result. Comparisons reject NULL, as SQL's do.
 *
 * @param column the column compared, as written (unquoted names folded to lower case)
 * @param operator one of {@code =, <>, <, <=, >, >=, IN}
 * @param values the constants, as text; several only for {@code IN}
 */
public record LakePartitionFilter(String column, String operator, List<String> values) {
    private static final Set<String> OPERATORS = Set.of("=", "<>", "<", "<=", ">", ">=", "IN");

    public LakePartitionFilter {
        requireNonNull(column, "column is null");
        requireNonNull(operator, "operator is null");
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("unknown operator " + operator);
        }
        values = List.copyOf(values);
    }

    /** The filters on the columns of {@code table} in {@code query}; empty when none is certain. */
    public static List<LakePartitionFilter> of(SqlNode query, String table) {
        requireNonNull(query, "query is null");
        requireNonNull(table, "table is null");
        long references =
                TableReferences.collect(query).stream()
                        .filter(reference -> reference.name().equals(table))
                        .count();
        if (references != 1) {
            return List.of();
        }
        List<LakePartitionFilter> filters = new ArrayList<>();
        visit(query, table, filters);
        return List.copyOf(filters);
    }

    /**
     * The filters of a condition on one table's columns, such as OPTIMIZE's WHERE clause.
     *
     * @throws SluiceException SYNTAX_ERROR for a part that is not a comparison of a column with
     *     constants
     */
    public static List<LakePartitionFilter> ofCondition(String sql, SqlNode condition) {
        List<LakePartitionFilter> all = new ArrayList<>();
        for (SqlNode conjunct : conjuncts(condition)) {
            List<LakePartitionFilter> filters = filters(conjunct, List.of(), true);
            if (filters.isEmpty()) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "only comparisons of partition columns with constants, joined by AND,"
                                + " can choose what OPTIMIZE rewrites",
                        Positions.offset(sql, conjunct.getParserPosition()),
                        null);
            }
            all.addAll(filters);
        }
        return List.copyOf(all);
    }

    /** Whether a file whose partition value of {@code column} is {@code value} may hold rows. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        for (String constant : values) {
            int order = compare(value, constant);
            boolean pass =
                    switch (operator) {
                        case "=", "IN" -> order == 0;
                        case "<>" -> order != 0;
                        case "<" -> order < 0;
                        case "<=" -> order <= 0;
                        case ">" -> order > 0;
                        default -> order >= 0;
                    };
            if (pass) {
                return true;
            }
        }
        return false;
    }

    /** Numbers by value, anything else (dates, timestamps, text) by its text. */
    private static int compare(String value, String constant) {
        try {
            return new BigDecimal(value.strip()).compareTo(new BigDecimal(constant.strip()));
        } catch (NumberFormatException e) {
            return value.compareTo(constant);
        }
    }

    @Override
    public String toString() {
        if (operator.equals("IN")) {
            return column
                    + " IN ("
                    + String.join(", ", values.stream().map(v -> "'" + v + "'").toList())
                    + ")";
        }
        return column + " " + operator + " '" + values.get(0) + "'";
    }

    private static void visit(SqlNode node, String table, List<LakePartitionFilter> filters) {
        if (node instanceof SqlSelect select && select.getFrom() != null) {
            List<String> qualifiers = new ArrayList<>();
            int tables = fromTables(select.getFrom(), table, qualifiers);
            if (!qualifiers.isEmpty() && select.getWhere() != null) {
                for (SqlNode conjunct : conjuncts(select.getWhere())) {
                    filters.addAll(filters(conjunct, qualifiers, tables == 1));
                }
            }
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) {
                    visit(operand, table, filters);
                }
            }
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                if (item != null) {
                    visit(item, table, filters);
                }
            }
        }
    }

    /**
     * Counts the tables of a FROM clause and adds the names {@code table}'s columns may be
     * qualified with when the clause names it directly.
     */
    private static int fromTables(SqlNode from, String table, List<String> qualifiers) {
        if (from instanceof SqlJoin join) {
            return fromTables(join.getLeft(), table, qualifiers)
                    + fromTables(join.getRight(), table, qualifiers);
        }
        if (from instanceof SqlIdentifier identifier) {
            if (name(identifier).equals(table)) {
                qualifiers.add(identifier.names.get(identifier.names.size() - 1));
            }
            return 1;
        }
        if (from.getKind() == SqlKind.AS
                && from instanceof SqlCall as
                && as.operand(0) instanceof SqlIdentifier identifier
                && as.operand(1) instanceof SqlIdentifier alias) {
            if (name(identifier).equals(table)) {
                qualifiers.add(alias.getSimple());
            }
            return 1;
        }
        return 1;
    }

    private static String name(SqlIdentifier identifier) {
        return String.join(".", identifier.names);
    }

    private static List<SqlNode> conjuncts(SqlNode condition) {
        if (condition.getKind() == SqlKind.AND && condition instanceof SqlCall and) {
            List<SqlNode> all = new ArrayList<>();
            for (SqlNode operand : and.getOperandList()) {
                all.addAll(conjuncts(operand));
            }
            return all;
        }
        return List.of(condition);
    }

    private static List<LakePartitionFilter> filters(
            SqlNode conjunct, List<String> qualifiers, boolean onlyTable) {
        if (!(conjunct instanceof SqlBasicCall call)) {
            return List.of();
        }
        SqlKind kind = call.getKind();
        if (kind == SqlKind.BETWEEN
                && call.getOperator() instanceof SqlBetweenOperator between
                && !between.isNegated()
                && between.flag == SqlBetweenOperator.Flag.ASYMMETRIC) {
            String column = column(call.operand(0), qualifiers, onlyTable);
            String low = constant(call.operand(1));
            String high = constant(call.operand(2));
            if (column == null || low == null || high == null) {
                return List.of();
            }
            return List.of(
                    new LakePartitionFilter(column, ">=", List.of(low)),
                    new LakePartitionFilter(column, "<=", List.of(high)));
        }
        if (kind == SqlKind.IN && call.operand(1) instanceof SqlNodeList list) {
            String column = column(call.operand(0), qualifiers, onlyTable);
            List<String> values = new ArrayList<>();
            for (SqlNode item : list) {
                String value = constant(item);
                if (value == null) {
                    return List.of();
                }
                values.add(value);
            }
            return column == null
                    ? List.of()
                    : List.of(new LakePartitionFilter(column, "IN", values));
        }
        String operator =
                switch (kind) {
                    case EQUALS -> "=";
                    case NOT_EQUALS -> "<>";
                    case LESS_THAN -> "<";
                    case LESS_THAN_OR_EQUAL -> "<=";
                    case GREATER_THAN -> ">";
                    case GREATER_THAN_OR_EQUAL -> ">=";
                    default -> null;
                };
        if (operator == null || call.operandCount() != 2) {
            return List.of();
        }
        String column = column(call.operand(0), qualifiers, onlyTable);
        String value = constant(call.operand(1));
        if (column == null || value == null) {
            // constant op column: the same comparison mirrored.
            column = column(call.operand(1), qualifiers, onlyTable);
            value = constant(call.operand(0));
            operator = mirror(operator);
        }
        return column == null || value == null
                ? List.of()
                : List.of(new LakePartitionFilter(column, operator, List.of(value)));
    }

    private static String mirror(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    private static String column(SqlNode node, List<String> qualifiers, boolean onlyTable) {
        if (!(node instanceof SqlIdentifier identifier) || identifier.isStar()) {
            return null;
        }
        if (identifier.names.size() == 1) {
            return onlyTable ? identifier.getSimple() : null;
        }
        if (identifier.names.size() == 2 && qualifiers.contains(identifier.names.get(0))) {
            return identifier.names.get(1);
        }
        return null;
    }

    private static String constant(SqlNode node) {
        if (node instanceof SqlBasicCall call
                && call.getKind() == SqlKind.CAST
                && call.operandCount() == 2) {
            return constant(call.operand(0));
        }
        if (node instanceof SqlLiteral literal && !SqlUtil.isNullLiteral(literal, false)) {
            return literal.toValue();
        }
        return null;
    }
}
