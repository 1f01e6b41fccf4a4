package io.sluice.parser.ddl;

import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN [PLAN FOR] statement}: what Sluice would run for an INSERT (its logical plan and
 * operator graph) or a lake query. Written back as {@code EXPLAIN statement}.
 */
public final class SqlExplainStatement extends SqlExplain {
    public SqlExplainStatement(SqlParserPos pos, SqlNode statement, int dynamicParameterCount) {
        super(
                pos,
                statement,
                SqlExplainLevel.EXPPLAN_ATTRIBUTES.symbol(SqlParserPos.ZERO),
                Depth.PHYSICAL.symbol(SqlParserPos.ZERO),
                SqlExplainFormat.TEXT.symbol(SqlParserPos.ZERO),
                dynamicParameterCount);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        getExplicandum().unparse(writer, getOperator().getLeftPrec(), getOperator().getRightPrec());
    }
}
