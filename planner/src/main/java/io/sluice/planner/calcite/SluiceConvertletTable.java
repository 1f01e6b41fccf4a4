package io.sluice.planner.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's standard conversions, except that COALESCE stays a call: the executor evaluates it
 * directly, and Calcite's expansion into CASE would need a CASE kernel.
 */
public final class SluiceConvertletTable implements SqlRexConvertletTable {
    public static final SluiceConvertletTable INSTANCE = new SluiceConvertletTable();

    private SluiceConvertletTable() {}

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        if (call.getKind() == SqlKind.COALESCE) {
            return (context, coalesce) -> {
                List<RexNode> operands = new ArrayList<>();
                for (SqlNode operand : coalesce.getOperandList()) {
                    operands.add(context.convertExpression(operand));
                }
                return context.getRexBuilder()
                        .makeCall(
                                context.getValidator().getValidatedNodeType(coalesce),
                                SqlStdOperatorTable.COALESCE,
                                operands);
            };
        }
        return StandardConvertletTable.INSTANCE.get(call);
    }
}
