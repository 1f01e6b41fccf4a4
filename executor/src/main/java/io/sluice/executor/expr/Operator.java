package io.sluice.executor.expr;

/** The functions and operators the executor can evaluate. */
public enum Operator {
    EQUALS,
    NOT_EQUALS,
    LESS_THAN,
    LESS_THAN_OR_EQUAL,
    GREATER_THAN,
    GREATER_THAN_OR_EQUAL,
    AND,
    OR,
    NOT,
    IS_NULL,
    IS_NOT_NULL,
    /** {@code json ->> 'key'}: the member as text (unquoted for strings), NULL when absent. */
    JSON_GET_TEXT,
    /** {@code json -> 'key'}: the member as JSON text, NULL when absent. */
    JSON_GET,
    /** Conversion to the call's type. */
    CAST,
    PLUS,
    MINUS,
    TIMES,
    DIVIDE,
    LIKE,
    UPPER,
    LOWER,
    COALESCE,
    /**
     * {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] ELSE e END}, operands {@code c1, v1, c2,
     * v2, ..., e}.
     */
    CASE
}
