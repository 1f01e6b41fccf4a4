package io.sluice.planner.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's standard conversions, except that COALESCE and EXTRACT stay calls: the executor
 * evaluates them directly.
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
        if (call.getKind() == SqlKind.EXTRACT
                && call.operand(0) instanceof SqlIntervalQualifier qualifier) {
            // kept as one call; the standard expansion into modular arithmetic needs kernels
            // the executor does not have
            return (context, extract) ->
                    context.getRexBuilder()
                            .makeCall(
                                    context.getValidator().getValidatedNodeType(extract),
                                    SqlStdOperatorTable.EXTRACT,
                                    List.of(
                                            context.getRexBuilder()
                                                    .makeFlag(qualifier.timeUnitRange),
                                            context.convertExpression(extract.operand(1))));
        }
        return StandardConvertletTable.INSTANCE.get(call);
    }
}
