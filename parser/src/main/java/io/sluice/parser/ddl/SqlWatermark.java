package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code WATERMARK FOR column [AS expression]} in a CREATE TABLE column list: which event-time
 * column drives the table's watermark and, optionally, how the watermark is derived from it.
 */
public final class SqlWatermark extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("WATERMARK", SqlKind.OTHER);

    private final SqlIdentifier column;
    private final @Nullable SqlNode expression;

    public SqlWatermark(SqlParserPos pos, SqlIdentifier column, @Nullable SqlNode expression) {
        super(pos);
        this.column = requireNonNull(column, "column is null");
        this.expression = expression;
    }

    public SqlIdentifier column() {
        return column;
    }

    /** The watermark expression; empty when the column's value is the watermark itself. */
    public Optional<SqlNode> expression() {
        return Optional.ofNullable(expression);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<@Nullable SqlNode> getOperandList() {
        return Arrays.asList(column, expression);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("WATERMARK FOR");
        column.unparse(writer, 0, 0);
        if (expression != null) {
            writer.keyword("AS");
            expression.unparse(writer, 0, 0);
        }
    }
}
