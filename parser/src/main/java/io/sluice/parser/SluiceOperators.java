package io.sluice.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Operators of the Sluice dialect that Calcite does not define.
 *
 * <p>Precedence 36 sits between comparison (30) and addition (40), which is where Postgres puts
 * "any other operator": {@code a ->> 'k' = 'v'} compares the extracted text, and chains such as
 * {@code a -> 'b' ->> 'c'} associate to the left.
 */
public final class SluiceOperators {
    /** Postgres precedence of user-defined binary operators, expressed on Calcite's scale. */
    public static final int JSON_ACCESS_PRECEDENCE = 36;

    /** {@code json ->> key}: the member (or array element) as text, NULL when absent. */
    public static final SqlBinaryOperator JSON_GET_TEXT =
            new SqlBinaryOperator(
                    "->>",
                    SqlKind.OTHER,
                    JSON_ACCESS_PRECEDENCE,
                    true,
                    ReturnTypes.VARCHAR_NULLABLE,
                    InferTypes.FIRST_KNOWN,
                    OperandTypes.ANY_ANY);

    /**
     * {@code json -> key}: the member (or array element) as a JSON value. The declared VARCHAR
     * return type is the JSON document's text; the planner maps calls of this operator to its JSON
     * type.
     */
    public static final SqlBinaryOperator JSON_GET =
            new SqlBinaryOperator(
                    "->",
                    SqlKind.OTHER,
                    JSON_ACCESS_PRECEDENCE,
                    true,
                    ReturnTypes.VARCHAR_NULLABLE,
                    InferTypes.FIRST_KNOWN,
                    OperandTypes.ANY_ANY);

    private SluiceOperators() {}
}
