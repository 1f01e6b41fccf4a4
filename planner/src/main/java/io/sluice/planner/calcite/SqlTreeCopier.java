package io.sluice.planner.calcite;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Deep-copies a parse tree, replacing the parser's JSON operators by the planner's. Validation
 * rewrites the tree it is given, so each validation pass works on its own copy and the caller's
 * tree stays as parsed.
 */
public final class SqlTreeCopier extends SqlShuttle {
    private static final SqlTreeCopier INSTANCE = new SqlTreeCopier();

    private SqlTreeCopier() {}

    @SuppressWarnings("unchecked")
    public static <T extends SqlNode> T copy(T node) {
        return node == null ? null : (T) node.accept(INSTANCE);
    }

    @Override
    public SqlNode visit(SqlLiteral literal) {
        return literal.clone(literal.getParserPosition());
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
        return id.clone(id.getParserPosition());
    }

    @Override
    public SqlNode visit(SqlDataTypeSpec type) {
        return type.clone(type.getParserPosition());
    }

    @Override
    public SqlNode visit(SqlDynamicParam param) {
        return param.clone(param.getParserPosition());
    }

    @Override
    public SqlNode visit(SqlIntervalQualifier qualifier) {
        return qualifier.clone(qualifier.getParserPosition());
    }

    @Override
    public SqlNode visit(SqlNodeList list) {
        SqlNodeList copy = new SqlNodeList(list.getParserPosition());
        for (SqlNode node : list) {
            copy.add(node == null ? null : node.accept(this));
        }
        return copy;
    }

    @Override
    public SqlNode visit(SqlCall call) {
        SqlOperator planned = PlannerOperators.plannerVersion(call.getOperator());
        if (planned != call.getOperator() && call instanceof SqlBasicCall) {
            SqlNode[] operands = new SqlNode[call.operandCount()];
            for (int i = 0; i < operands.length; i++) {
                SqlNode operand = call.operand(i);
                operands[i] = operand == null ? null : operand.accept(this);
            }
            return new SqlBasicCall(planned, operands, call.getParserPosition());
        }
        ArgHandler<SqlNode> handler = new CallCopyingArgHandler(call, true);
        call.getOperator().acceptCall(this, call, false, handler);
        return handler.result();
    }
}
