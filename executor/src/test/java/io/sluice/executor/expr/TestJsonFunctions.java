package io.sluice.executor.expr;

import static io.sluice.executor.expr.TestExpressionCompiler.call;
import static io.sluice.executor.expr.TestExpressionCompiler.lit;
import static io.sluice.executor.expr.TestExpressionCompiler.ref;
import static io.sluice.executor.plan.TypeKind.BIGINT;
import static io.sluice.executor.plan.TypeKind.JSON;
import static io.sluice.executor.plan.TypeKind.TEXT;
import static io.sluice.executor.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.testing.Batches;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestJsonFunctions {
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private List<Object> getText(String key, String... documents) {
        return eval(call(Operator.JSON_GET_TEXT, TEXT, ref(0, JSON), lit(key, TEXT)), documents);
    }

    private List<Object> get(String key, String... documents) {
        return eval(call(Operator.JSON_GET, JSON, ref(0, JSON), lit(key, TEXT)), documents);
    }

    private List<Object> eval(Expr expr, String... documents) {
        RowSchema schema = Batches.schema("properties", JSON);
        List<List<Object>> rows = Arrays.stream(documents).map(d -> row(d)).toList();
        try (VectorSchemaRoot input = Batches.batch(allocator, schema, rows);
                CompiledExpression compiled = ExpressionCompiler.compile(expr, schema, allocator)) {
            return Batches.values(compiled.evaluate(input));
        }
    }

    @Test
    void getsScalarMembersAsText() {
        assertThat(
                        getText(
                                "k",
                                "{\"k\": \"v\"}",
                                "{\"a\":1,\"k\":42}",
                                "{\"k\":true}",
                                "{\"k\":-1.5e3}",
                                "{\"k\":null}",
                                "{\"x\":1}",
                                null))
                .containsExactly("v", "42", "true", "-1.5e3", null, null, null);
    }

    @Test
    void skipsNestedObjectsArraysAndStrings() {
        String document =
                "{\"nested\": {\"k\": \"inner\", \"arr\": [1, {\"k\": 2}, \"}\"]}, \"s\": \"a"
                        + " \\\"k\\\": x\", \"k\": \"outer\"}";
        assertThat(getText("k", document)).containsExactly("outer");
        assertThat(get("nested", document))
                .containsExactly("{\"k\": \"inner\", \"arr\": [1, {\"k\": 2}, \"}\"]}");
        assertThat(getText("nested", "{\"nested\":[1,2]}")).containsExactly("[1,2]");
    }

    @Test
    void getReturnsRawJson() {
        assertThat(get("k", "{\"k\": \"a\\nb\"}", "{\"k\": 1}", "{\"k\": null}", "{\"k\":[ ]}"))
                .containsExactly("\"a\\nb\"", "1", "null", "[ ]");
    }

    @Test
    void unescapesStrings() {
        assertThat(
                        getText(
                                "k",
                                "{\"k\": \"tab\\there \\\"q\\\" \\\\ \\/ \\u00e9"
                                        + " \\ud83d\\ude00\"}"))
                .containsExactly("tab\there \"q\" \\ / é 😀");
        assertThat(getText("k", "{\"k\": \"été 😀 raw\"}")).containsExactly("été 😀 raw");
    }

    @Test
    void matchesEscapedKeys() {
        assertThat(getText("é", "{\"\\u00e9\": 1}")).containsExactly("1");
        assertThat(getText("a\"b", "{\"a\\\"b\": 2}")).containsExactly("2");
    }

    @Test
    void invalidOrNonObjectJsonIsNull() {
        assertThat(
                        getText(
                                "k",
                                "[1, 2]",
                                "\"k\"",
                                "42",
                                "",
                                "{\"k\": 1",
                                "{\"k\": 1,}",
                                "{\"k\": 01}",
                                "{\"k\": \"bad \\x escape\"}",
                                "{\"k\": 1} trailing",
                                "{k: 1}",
                                "{\"k\": tru}"))
                .containsOnlyNulls();
    }

    @Test
    void deepNestingIsNullNotAStackOverflow() {
        String deep = "{\"k\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(getText("k", deep)).containsOnlyNulls();
        String fine = "{\"k\": " + "[".repeat(100) + "]".repeat(100) + "}";
        assertThat(getText("k", fine)).containsExactly("[".repeat(100) + "]".repeat(100));
    }

    @Test
    void firstOccurrenceOfADuplicateKeyWins() {
        assertThat(getText("k", "{\"k\": 1, \"k\": 2}")).containsExactly("1");
    }

    @Test
    void indexesArrays() {
        Expr element = call(Operator.JSON_GET_TEXT, TEXT, ref(0, JSON), lit(1, BIGINT));
        assertThat(eval(element, "[\"a\", \"b\"]", "[1]", "{\"1\": 2}"))
                .containsExactly("b", null, null);
    }

    @Test
    void worksOnTextColumnsAndNests() {
        RowSchema schema = Batches.schema("t", TypeKind.TEXT);
        Expr nested =
                call(
                        Operator.JSON_GET_TEXT,
                        TEXT,
                        call(Operator.JSON_GET, JSON, ref(0, TEXT), lit("user", TEXT)),
                        lit("id", TEXT));
        try (VectorSchemaRoot input =
                        Batches.batch(
                                allocator,
                                schema,
                                List.of(
                                        row("{\"user\": {\"id\": \"u1\"}}"),
                                        row("{\"user\": 3}")));
                CompiledExpression compiled =
                        ExpressionCompiler.compile(nested, schema, allocator)) {
            assertThat(Batches.values(compiled.evaluate(input))).containsExactly("u1", null);
        }
    }
}
