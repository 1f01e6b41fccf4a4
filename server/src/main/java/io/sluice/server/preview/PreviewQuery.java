package io.sluice.server.preview;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.Positions;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A SELECT over a stream taken apart for a preview: the part a pipeline runs, and the LIMIT and
 * OFFSET the reader applies, since a pipeline has no end to sort or count towards.
 *
 * @param query the SELECT without ORDER BY, LIMIT and OFFSET; unnamed items get a placeholder name,
 *     shown to the client as {@code ?column?} like Postgres does
 * @param limit the rows to return at most, empty for no limit
 * @param offset the rows to skip first
 */
record PreviewQuery(SqlNode query, OptionalLong limit, long offset) {
    private static final String UNNAMED_PREFIX = "?column?";
    private static final Pattern UNNAMED = Pattern.compile("\\?column\\?\\d+");

    PreviewQuery {
        requireNonNull(query, "query is null");
        requireNonNull(limit, "limit is null");
    }

    /** Splits {@code node}, which the parser made from {@code sql} (and may be changed). */
    static PreviewQuery of(String sql, SqlNode node) {
        SqlNode query = node;
        SqlNode fetch = null;
        SqlNode offset = null;
        if (node instanceof SqlOrderBy orderBy) {
            if (orderBy.orderList != null && orderBy.orderList.size() > 0) {
                throw notSupported(
                        sql,
                        orderBy.orderList,
                        "ORDER BY is not supported in a preview of a stream");
            }
            query = orderBy.query;
            fetch = orderBy.fetch;
            offset = orderBy.offset;
        }
        if (query instanceof SqlSelect select) {
            if (select.getOrderList() != null && select.getOrderList().size() > 0) {
                throw notSupported(
                        sql,
                        select.getOrderList(),
                        "ORDER BY is not supported in a preview of a stream");
            }
            if (select.getFetch() != null) {
                fetch = select.getFetch();
                select.setFetch(null);
            }
            if (select.getOffset() != null) {
                offset = select.getOffset();
                select.setOffset(null);
            }
            nameUnnamedItems(select);
        }
        return new PreviewQuery(
                query,
                fetch == null ? OptionalLong.empty() : OptionalLong.of(count(sql, fetch)),
                offset == null ? 0 : count(sql, offset));
    }

    /** The name the client sees for a column of the preview pipeline's output. */
    static String displayName(String column) {
        return UNNAMED.matcher(column).matches() ? UNNAMED_PREFIX : column;
    }

    private static void nameUnnamedItems(SqlSelect select) {
        SqlNodeList items = select.getSelectList();
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
                continue;
            }
            SqlParserPos pos = item.getParserPosition();
            SqlCall named =
                    SqlStdOperatorTable.AS.createCall(
                            pos, item, new SqlIdentifier(UNNAMED_PREFIX + (i + 1), pos));
            items.set(i, named);
        }
    }

    private static long count(String sql, SqlNode node) {
        if (node instanceof SqlLiteral literal) {
            try {
                long value = literal.longValue(true);
                if (value >= 0) {
                    return value;
                }
            } catch (RuntimeException e) {
                // Reported below.
            }
        }
        throw new SluiceException(
                ErrorCode.SYNTAX_ERROR,
                "LIMIT and OFFSET of a preview must be non-negative integer constants",
                Positions.offset(sql, node.getParserPosition()),
                null);
    }

    private static SluiceException notSupported(String sql, SqlNode node, String message) {
        return new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED,
                message,
                Positions.offset(sql, node.getParserPosition()),
                null);
    }
}
