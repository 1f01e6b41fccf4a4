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
    CASE,
    /** {@code text ILIKE pattern}: LIKE ignoring case. */
    ILIKE,
    /** {@code a || b}: NULL when either operand is NULL. */
    CONCAT,
    /** {@code concat(a, ...)}: NULL operands are skipped. */
    CONCAT_FUNCTION,
    /** {@code substr(text, start [, length])}, 1-based character positions. */
    SUBSTRING,
    /** Number of characters. */
    CHAR_LENGTH,
    /** {@code btrim(text, characters)}. */
    BTRIM,
    /** {@code ltrim(text, characters)}. */
    LTRIM,
    /** {@code rtrim(text, characters)}. */
    RTRIM,
    REPLACE,
    SPLIT_PART,
    STARTS_WITH,
    /** {@code regexp_like(text, pattern [, flags])}. */
    REGEXP_LIKE,
    /** {@code regexp_replace(text, pattern, replacement [, flags])}. */
    REGEXP_REPLACE,
    /** {@code regexp_extract(text, pattern [, group])}. */
    REGEXP_EXTRACT,
    /** {@code regexp_match(text, pattern)}: the first match's groups as a JSON array. */
    REGEXP_MATCH,
    MD5,
    SHA256,
    GEN_RANDOM_UUID,
    /** {@code date_trunc(unit, timestamp)}, operands {@code unit, timestamp}. */
    DATE_TRUNC,
    /**
     * {@code extract(unit FROM t)} / {@code date_part(unit, t)}, operands {@code unit, t}; an
     * integer result type truncates, DOUBLE keeps fractions.
     */
    DATE_PART,
    /** Seconds since the epoch (numeric) or ISO-8601 text to a timestamp. */
    TO_TIMESTAMP,
    /** Timestamp to milliseconds since the epoch, or milliseconds to a timestamp. */
    EPOCH_MS,
    /** The current time, read once per batch. */
    NOW,
    /** {@code json_get_str(json, key...)}: a string member, NULL for other kinds. */
    JSON_GET_STR,
    JSON_GET_INT,
    JSON_GET_FLOAT,
    JSON_GET_BOOL,
    /** {@code json_get_json(json, key...)}: the member as JSON text. */
    JSON_GET_JSON,
    /** {@code json_contains(json, key...)}: whether the member exists. */
    JSON_CONTAINS,
    /** {@code json_length(json [, key...])}: elements of an array or members of an object. */
    JSON_LENGTH,
    /** {@code extract_json(json, path)}: the matches of a JSONPath as a JSON array. */
    EXTRACT_JSON,
    /** {@code extract_json_string(json, path)}: the first match if it is a string. */
    EXTRACT_JSON_STRING,
    /** {@code get_first_json_object(json, path)}: the first match as JSON text. */
    GET_FIRST_JSON_OBJECT
}
