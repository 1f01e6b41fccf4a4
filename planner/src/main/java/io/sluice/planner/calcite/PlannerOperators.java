package io.sluice.planner.calcite;

import io.sluice.parser.SluiceOperators;
import io.sluice.planner.type.TypeMapping;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * The planner's typed versions of the dialect's JSON operators, and the operator table used for
 * validation.
 *
 * <p>The parser's operators type both results as VARCHAR, and Calcite's binary operators copy the
 * operands' collation onto a string result, which would make {@code json ->> 'k'} JSON. These
 * versions return TEXT for {@code ->>} and JSON for {@code ->} whatever the operands; {@link
 * SqlTreeCopier} puts them into the tree before validation.
 */
public final class PlannerOperators {
    public static final SqlBinaryOperator JSON_GET_TEXT =
            new JsonAccessOperator("->>", ReturnTypes.VARCHAR_NULLABLE);

    public static final SqlBinaryOperator JSON_GET =
            new JsonAccessOperator(
                    "->", opBinding -> TypeMapping.jsonType(opBinding.getTypeFactory(), true));

    private static final SqlOperatorTable OPERATOR_TABLE = createOperatorTable();

    private PlannerOperators() {}

    /** Standard SQL, Postgres library functions, the JSON operators and {@code ::}. */
    public static SqlOperatorTable operatorTable() {
        return OPERATOR_TABLE;
    }

    /** The planner's version of a parser operator, or {@code operator} itself. */
    static SqlOperator plannerVersion(SqlOperator operator) {
        if (operator == SluiceOperators.JSON_GET_TEXT) {
            return JSON_GET_TEXT;
        }
        if (operator == SluiceOperators.JSON_GET) {
            return JSON_GET;
        }
        return operator;
    }

    private static SqlOperatorTable createOperatorTable() {
        // The factory's STANDARD table replaces SqlStdOperatorTable.instance(): chaining both
        // lists every function twice, and window table functions then fail to resolve.
        SqlOperatorTable library =
                SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(
                        SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL);
        boolean hasInfixCast = library.getOperatorList().contains(SqlLibraryOperators.INFIX_CAST);
        SqlOperatorTable sluice =
                hasInfixCast
                        ? SqlOperatorTables.of(JSON_GET_TEXT, JSON_GET)
                        : SqlOperatorTables.of(
                                JSON_GET_TEXT, JSON_GET, SqlLibraryOperators.INFIX_CAST);
        // Sluice's own functions replace library functions of the same name.
        return SqlOperatorTables.chain(
                new WithoutNames(library, SluiceFunctions.names()),
                sluice,
                SluiceFunctions.table());
    }

    /** A table that hides the functions of some names. */
    private static final class WithoutNames implements SqlOperatorTable {
        private final SqlOperatorTable delegate;
        private final java.util.Set<String> hidden;

        WithoutNames(SqlOperatorTable delegate, java.util.Set<String> hidden) {
            this.delegate = delegate;
            this.hidden = hidden;
        }

        @Override
        public void lookupOperatorOverloads(
                org.apache.calcite.sql.SqlIdentifier opName,
                org.apache.calcite.sql.SqlFunctionCategory category,
                org.apache.calcite.sql.SqlSyntax syntax,
                java.util.List<SqlOperator> operatorList,
                org.apache.calcite.sql.validate.SqlNameMatcher nameMatcher) {
            java.util.List<SqlOperator> found = new java.util.ArrayList<>();
            delegate.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
            for (SqlOperator operator : found) {
                if (!isHidden(operator)) {
                    operatorList.add(operator);
                }
            }
        }

        @Override
        public java.util.List<SqlOperator> getOperatorList() {
            return delegate.getOperatorList().stream().filter(op -> !isHidden(op)).toList();
        }

        private boolean isHidden(SqlOperator operator) {
            return operator instanceof org.apache.calcite.sql.SqlFunction
                    && hidden.contains(operator.getName());
        }
    }

    /** A JSON access operator whose result type does not depend on the operands' collation. */
    private static final class JsonAccessOperator extends SqlBinaryOperator {
        JsonAccessOperator(String name, SqlReturnTypeInference returnType) {
            super(
                    name,
                    SqlKind.OTHER,
                    SluiceOperators.JSON_ACCESS_PRECEDENCE,
                    true,
                    returnType,
                    InferTypes.FIRST_KNOWN,
                    OperandTypes.or(
                            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)));
        }

        @Override
        public RelDataType deriveType(
                SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                validator.deriveType(scope, operand);
            }
            return validateOperands(validator, scope, call);
        }
    }
}
