package io.sluice.server.session;

import static java.util.Objects.requireNonNull;

import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The answers of a session's constant queries, by text: queries that read no table and compute only
 * from literals ({@code SELECT 1}, {@code SELECT 'a' AS x, -2 * 3}), which clients and connection
 * pools send over and over to check a connection. Such a query always answers the same, so the lake
 * engine's complete answer to one run is kept and later runs of the same text are answered from it.
 * Anything that could vary (a function, a column, a table, a cast to a time) makes a query not
 * constant.
 */
final class ConstantAnswers {
    private static final int CAPACITY = 32;
    private static final int MAX_ROWS = 16;
    private static final int MAX_TEXT_LENGTH = 1024;

    private final BoundedCache<String, Answer> answers = new BoundedCache<>(CAPACITY);

    private record Answer(List<PgColumn> columns, List<Object[]> rows) {
        Answer {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }

    /** The kept answer to {@code sql}, if it is a constant query answered before. */
    Optional<PgResult> answer(String sql) {
        if (sql.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        return answers.get(sql)
                .map(
                        answer -> {
                            List<Object[]> rows = new ArrayList<>(answer.rows().size());
                            for (Object[] row : answer.rows()) {
                                rows.add(row.clone());
                            }
                            return PgResult.rows(answer.columns(), rows.iterator());
                        });
    }

    /**
     * {@code result}, unchanged for the client; when {@code query} is constant, its rows are kept
     * as they are read, and become the answer to {@code sql} once read to the end.
     */
    PgResult remembering(String sql, SqlNode query, PgResult result) {
        if (sql.length() > MAX_TEXT_LENGTH
                || !(result instanceof PgResult.Rows rows)
                || !isConstant(query)) {
            return result;
        }
        Iterator<Object[]> source = rows.rows();
        Iterator<Object[]> keeping =
                new Iterator<>() {
                    private final List<Object[]> seen = new ArrayList<>();
                    private boolean keepable = true;

                    @Override
                    public boolean hasNext() {
                        boolean hasNext = source.hasNext();
                        if (!hasNext && keepable) {
                            keepable = false;
                            answers.put(sql, new Answer(rows.columns(), seen));
                        }
                        return hasNext;
                    }

                    @Override
                    public Object[] next() {
                        Object[] row = source.next();
                        if (row == null) {
                            throw new NoSuchElementException();
                        }
                        if (keepable) {
                            keepable = seen.size() < MAX_ROWS && immutable(row);
                            if (keepable) {
                                seen.add(row.clone());
                            }
                        }
                        return row;
                    }
                };
        return PgResult.rows(rows.columns(), keeping, rows.onClose());
    }

    /** A SELECT of literals and arithmetic on them, without FROM or any other clause. */
    static boolean isConstant(SqlNode query) {
        if (!(query instanceof SqlSelect select)
                || select.getFrom() != null
                || select.getWhere() != null
                || select.getGroup() != null
                || select.getHaving() != null
                || select.getQualify() != null
                || select.getOrderList() != null
                || select.getOffset() != null
                || select.getFetch() != null
                || select.getWindowList().size() > 0
                || select.isDistinct()) {
            return false;
        }
        for (SqlNode item : select.getSelectList()) {
            if (!isConstantExpression(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isConstantExpression(SqlNode node) {
        if (node instanceof SqlNumericLiteral || node instanceof SqlCharStringLiteral) {
            return true;
        }
        if (node instanceof SqlLiteral literal) {
            return literal.getTypeName() == SqlTypeName.BOOLEAN
                    || literal.getTypeName() == SqlTypeName.NULL;
        }
        if (node instanceof SqlBasicCall call) {
            switch (call.getKind()) {
                case AS:
                    return isConstantExpression(call.operand(0));
                case PLUS:
                case MINUS:
                case TIMES:
                case MINUS_PREFIX:
                case PLUS_PREFIX:
                    for (SqlNode operand : call.getOperandList()) {
                        if (!isConstantExpression(operand)) {
                            return false;
                        }
                    }
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    private static boolean immutable(Object[] row) {
        for (Object value : row) {
            if (value != null
                    && !(value instanceof String
                            || value instanceof Integer
                            || value instanceof Long
                            || value instanceof Short
                            || value instanceof Boolean
                            || value instanceof Double
                            || value instanceof Float
                            || value instanceof BigDecimal)) {
                return false;
            }
        }
        return true;
    }
}
