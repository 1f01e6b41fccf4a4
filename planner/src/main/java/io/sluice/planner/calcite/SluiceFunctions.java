package io.sluice.planner.calcite;

import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.planner.type.TypeMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * The Postgres- and Arroyo-style functions Sluice evaluates, declared for the validator, and the
 * executor operator each one becomes. These replace any library function of the same name, so each
 * name has exactly one signature.
 */
final class SluiceFunctions {
    private static final Map<SqlOperator, Operator> OPERATORS = new LinkedHashMap<>();

    static {
        SqlReturnTypeInference text = ReturnTypes.VARCHAR_NULLABLE;
        SqlReturnTypeInference maybeText =
                ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.FORCE_NULLABLE);
        SqlReturnTypeInference maybeJson =
                opBinding -> TypeMapping.jsonType(opBinding.getTypeFactory(), true);
        SqlReturnTypeInference maybeBigint =
                ReturnTypes.BIGINT.andThen(SqlTypeTransforms.FORCE_NULLABLE);
        SqlReturnTypeInference timestampTz =
                opBinding ->
                        opBinding
                                .getTypeFactory()
                                .createTypeWithNullability(
                                        TypeMapping.toRelDataType(
                                                SqlType.of(TypeKind.TIMESTAMPTZ),
                                                opBinding.getTypeFactory()),
                                        false);
        SqlOperandTypeChecker jsonAndKeys = OperandTypes.ONE_OR_MORE;
        SqlOperandTypeChecker oneOrTwoStrings =
                OperandTypes.or(OperandTypes.STRING, OperandTypes.STRING_STRING);
        SqlOperandTypeChecker unitAndDatetime =
                OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME);

        // strings
        add(
                "substr",
                Operator.SUBSTRING,
                text,
                OperandTypes.or(
                        OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.INTEGER),
                        OperandTypes.family(
                                SqlTypeFamily.STRING,
                                SqlTypeFamily.INTEGER,
                                SqlTypeFamily.INTEGER)));
        add("length", Operator.CHAR_LENGTH, ReturnTypes.INTEGER_NULLABLE, OperandTypes.STRING);
        add("concat", Operator.CONCAT_FUNCTION, ReturnTypes.VARCHAR, OperandTypes.ONE_OR_MORE);
        add("btrim", Operator.BTRIM, text, oneOrTwoStrings);
        add("ltrim", Operator.LTRIM, text, oneOrTwoStrings);
        add("rtrim", Operator.RTRIM, text, oneOrTwoStrings);
        add(
                "split_part",
                Operator.SPLIT_PART,
                text,
                OperandTypes.family(
                        SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER));
        add(
                "starts_with",
                Operator.STARTS_WITH,
                ReturnTypes.BOOLEAN_NULLABLE,
                OperandTypes.STRING_STRING);
        add(
                "regexp_like",
                Operator.REGEXP_LIKE,
                ReturnTypes.BOOLEAN_NULLABLE,
                OperandTypes.or(OperandTypes.STRING_STRING, OperandTypes.STRING_STRING_STRING));
        add(
                "regexp_replace",
                Operator.REGEXP_REPLACE,
                text,
                OperandTypes.or(
                        OperandTypes.STRING_STRING_STRING,
                        OperandTypes.family(
                                SqlTypeFamily.STRING,
                                SqlTypeFamily.STRING,
                                SqlTypeFamily.STRING,
                                SqlTypeFamily.STRING)));
        add(
                "regexp_extract",
                Operator.REGEXP_EXTRACT,
                maybeText,
                OperandTypes.or(
                        OperandTypes.STRING_STRING,
                        OperandTypes.family(
                                SqlTypeFamily.STRING,
                                SqlTypeFamily.STRING,
                                SqlTypeFamily.INTEGER)));
        add(
                "regexp_match",
                Operator.REGEXP_MATCH,
                maybeJson,
                OperandTypes.or(OperandTypes.STRING_STRING, OperandTypes.STRING_STRING_STRING));
        add("md5", Operator.MD5, text, OperandTypes.STRING);
        add("sha256", Operator.SHA256, text, OperandTypes.STRING);
        OPERATORS.put(
                new NonDeterministicFunction(
                        "GEN_RANDOM_UUID",
                        opBinding -> opBinding.getTypeFactory().createSqlType(SqlTypeName.UUID),
                        false),
                Operator.GEN_RANDOM_UUID);

        // time
        add("date_trunc", Operator.DATE_TRUNC, ReturnTypes.ARG1_NULLABLE, unitAndDatetime);
        add("date_part", Operator.DATE_PART, ReturnTypes.DOUBLE_NULLABLE, unitAndDatetime);
        add(
                "to_timestamp",
                Operator.TO_TIMESTAMP,
                timestampTz.andThen(SqlTypeTransforms.TO_NULLABLE),
                OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.STRING));
        add(
                "epoch_ms",
                Operator.EPOCH_MS,
                opBinding -> {
                    RelDataType operand = opBinding.getOperandType(0);
                    RelDataType result =
                            SqlTypeFamily.INTEGER.contains(operand)
                                    ? TypeMapping.toRelDataType(
                                            SqlType.of(TypeKind.TIMESTAMP),
                                            opBinding.getTypeFactory())
                                    : opBinding.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
                    return opBinding
                            .getTypeFactory()
                            .createTypeWithNullability(result, operand.isNullable());
                },
                OperandTypes.or(OperandTypes.DATETIME, OperandTypes.INTEGER));
        OPERATORS.put(new NonDeterministicFunction("NOW", timestampTz, true), Operator.NOW);

        // JSON, on raw UTF-8
        add("json_get_str", Operator.JSON_GET_STR, maybeText, jsonAndKeys);
        add("json_get_int", Operator.JSON_GET_INT, maybeBigint, jsonAndKeys);
        add(
                "json_get_float",
                Operator.JSON_GET_FLOAT,
                ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                jsonAndKeys);
        add(
                "json_get_bool",
                Operator.JSON_GET_BOOL,
                ReturnTypes.BOOLEAN.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                jsonAndKeys);
        add("json_get_json", Operator.JSON_GET_JSON, maybeJson, jsonAndKeys);
        add("json_contains", Operator.JSON_CONTAINS, ReturnTypes.BOOLEAN_NULLABLE, jsonAndKeys);
        add("json_length", Operator.JSON_LENGTH, maybeBigint, jsonAndKeys);
        add("extract_json", Operator.EXTRACT_JSON, maybeJson, OperandTypes.STRING_STRING);
        add(
                "extract_json_string",
                Operator.EXTRACT_JSON_STRING,
                maybeText,
                OperandTypes.STRING_STRING);
        add(
                "get_first_json_object",
                Operator.GET_FIRST_JSON_OBJECT,
                maybeJson,
                OperandTypes.STRING_STRING);
    }

    private SluiceFunctions() {}

    private static void add(
            String name,
            Operator operator,
            SqlReturnTypeInference returnType,
            SqlOperandTypeChecker operands) {
        OPERATORS.put(
                new SqlFunction(
                        name.toUpperCase(Locale.ROOT),
                        SqlKind.OTHER_FUNCTION,
                        returnType,
                        null,
                        operands,
                        SqlFunctionCategory.USER_DEFINED_FUNCTION),
                operator);
    }

    /** The declared functions. */
    static List<SqlOperator> functions() {
        return List.copyOf(OPERATORS.keySet());
    }

    /** The declared functions as an operator table; names match ignoring case. */
    static SqlOperatorTable table() {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(
                    SqlIdentifier opName,
                    SqlFunctionCategory category,
                    SqlSyntax syntax,
                    List<SqlOperator> operatorList,
                    SqlNameMatcher nameMatcher) {
                if (!opName.isSimple() || syntax.family != SqlSyntax.FUNCTION) {
                    return;
                }
                String name = opName.getSimple().toUpperCase(Locale.ROOT);
                for (SqlOperator operator : OPERATORS.keySet()) {
                    if (operator.getName().equals(name)) {
                        operatorList.add(operator);
                    }
                }
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                return functions();
            }
        };
    }

    /** The upper-case names of the declared functions. */
    static Set<String> names() {
        java.util.Set<String> names = new java.util.HashSet<>();
        OPERATORS.keySet().forEach(op -> names.add(op.getName()));
        return names;
    }

    /** The executor operator of a declared function, or null. */
    static Operator operatorOf(SqlOperator operator) {
        return OPERATORS.get(operator);
    }

    /** A function the planner must not fold into a constant. */
    private static final class NonDeterministicFunction extends SqlFunction {
        private final boolean dynamic;

        NonDeterministicFunction(String name, SqlReturnTypeInference returnType, boolean dynamic) {
            super(
                    name,
                    SqlKind.OTHER_FUNCTION,
                    returnType,
                    null,
                    OperandTypes.NILADIC,
                    SqlFunctionCategory.SYSTEM);
            this.dynamic = dynamic;
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }

        @Override
        public boolean isDynamicFunction() {
            return dynamic;
        }
    }
}
