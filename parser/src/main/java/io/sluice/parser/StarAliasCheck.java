package io.sluice.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rejects an alias on {@code *} or {@code t.*}, which Calcite's grammar accepts but Postgres does
 * not. Without this, the common typo {@code SELECT * FORM t} reads "form" as an alias and the error
 * lands on the table name instead of on the misspelt keyword.
 */
final class StarAliasCheck extends SqlBasicVisitor<Void> {
    private final String sql;

    private StarAliasCheck(String sql) {
        this.sql = sql;
    }

    static void check(String sql, SqlNode statement) {
        statement.accept(new StarAliasCheck(sql));
    }

    @Override
    public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.AS
                && call.operandCount() >= 2
                && call.operand(0) instanceof SqlIdentifier target
                && target.isStar()) {
            SqlParserPos pos = call.operand(1).getParserPosition();
            int offset = SluiceParser.offsetOf(sql, pos.getLineNum(), pos.getColumnNum());
            throw new SluiceParseException(
                    "syntax error at or near \"" + SluiceParser.wordAt(sql, offset) + "\"",
                    pos.getLineNum(),
                    pos.getColumnNum(),
                    offset,
                    null);
        }
        return super.visit(call);
    }
}
