package io.sluice.executor.expr;

import static io.sluice.executor.plan.TypeKind.BIGINT;
import static io.sluice.executor.plan.TypeKind.BOOLEAN;
import static io.sluice.executor.plan.TypeKind.DOUBLE;
import static io.sluice.executor.plan.TypeKind.INTEGER;
import static io.sluice.executor.plan.TypeKind.JSON;
import static io.sluice.executor.plan.TypeKind.TEXT;
import static io.sluice.executor.plan.TypeKind.TIMESTAMP;
import static io.sluice.executor.plan.TypeKind.TIMESTAMPTZ;
import static io.sluice.executor.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
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

final class TestExpressionCompiler {
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    static InputRef ref(int index, TypeKind kind) {
        return new InputRef(index, SqlType.of(kind));
    }

    static Literal lit(Object value, TypeKind kind) {
        return new Literal(value == null ? null : value.toString(), SqlType.of(kind));
    }

    static Call call(Operator operator, TypeKind type, Expr... operands) {
        return new Call(operator, List.of(operands), SqlType.of(type));
    }

    /** Evaluates {@code expr} over a one-column batch of {@code values}. */
    private List<Object> eval(Expr expr, TypeKind inputKind, Object... values) {
        RowSchema schema = Batches.schema("c", inputKind);
        List<List<Object>> rows = Arrays.stream(values).map(v -> row(v)).toList();
        try (VectorSchemaRoot input = Batches.batch(allocator, schema, rows);
                CompiledExpression compiled = ExpressionCompiler.compile(expr, schema, allocator)) {
            return Batches.values(compiled.evaluate(input));
        }
    }

    private List<Object> eval2(Expr expr, TypeKind left, TypeKind right, List<List<Object>> rows) {
        RowSchema schema = Batches.schema("a", left, "b", right);
        try (VectorSchemaRoot input = Batches.batch(allocator, schema, rows);
                CompiledExpression compiled = ExpressionCompiler.compile(expr, schema, allocator)) {
            return Batches.values(compiled.evaluate(input));
        }
    }

    @Test
    void comparesIntegers() {
        List<List<Object>> rows = List.of(row(1L, 2L), row(2L, 2L), row(3L, 2L), row(null, 2L));
        assertThat(
                        eval2(
                                call(Operator.LESS_THAN, BOOLEAN, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(true, false, false, null);
        assertThat(
                        eval2(
                                call(
                                        Operator.LESS_THAN_OR_EQUAL,
                                        BOOLEAN,
                                        ref(0, BIGINT),
                                        ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(true, true, false, null);
        assertThat(
                        eval2(
                                call(Operator.EQUALS, BOOLEAN, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(false, true, false, null);
        assertThat(
                        eval2(
                                call(Operator.NOT_EQUALS, BOOLEAN, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(true, false, true, null);
        assertThat(
                        eval2(
                                call(
                                        Operator.GREATER_THAN,
                                        BOOLEAN,
                                        ref(0, BIGINT),
                                        ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(false, false, true, null);
        assertThat(
                        eval2(
                                call(
                                        Operator.GREATER_THAN_OR_EQUAL,
                                        BOOLEAN,
                                        ref(0, BIGINT),
                                        ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(false, true, true, null);
    }

    @Test
    void comparesMixedNumbersAsDoubles() {
        assertThat(
                        eval(
                                call(
                                        Operator.GREATER_THAN,
                                        BOOLEAN,
                                        ref(0, INTEGER),
                                        lit(1.5, DOUBLE)),
                                INTEGER,
                                1,
                                2,
                                null))
                .containsExactly(false, true, null);
    }

    @Test
    void comparesTextByteWise() {
        assertThat(
                        eval(
                                call(
                                        Operator.EQUALS,
                                        BOOLEAN,
                                        ref(0, TEXT),
                                        lit("page_view", TEXT)),
                                TEXT,
                                "page_view",
                                "click",
                                "",
                                null))
                .containsExactly(true, false, false, null);
        // code point order: 'é' (U+00E9) sorts after 'z', '😀' after both
        assertThat(
                        eval(
                                call(Operator.LESS_THAN, BOOLEAN, ref(0, TEXT), lit("é", TEXT)),
                                TEXT,
                                "z",
                                "é",
                                "😀",
                                "e",
                                "éa"))
                .containsExactly(true, false, false, true, false);
        assertThat(
                        eval(
                                call(
                                        Operator.GREATER_THAN_OR_EQUAL,
                                        BOOLEAN,
                                        ref(0, TEXT),
                                        lit("ab", TEXT)),
                                TEXT,
                                "a",
                                "ab",
                                "abc",
                                "b"))
                .containsExactly(false, true, true, true);
    }

    @Test
    void comparesBooleansAndTimestamps() {
        assertThat(
                        eval(
                                call(Operator.EQUALS, BOOLEAN, ref(0, BOOLEAN), lit(true, BOOLEAN)),
                                BOOLEAN,
                                true,
                                false,
                                null))
                .containsExactly(true, false, null);
        assertThat(
                        eval(
                                call(
                                        Operator.GREATER_THAN,
                                        BOOLEAN,
                                        ref(0, TIMESTAMP),
                                        lit("2024-01-01T00:00:00Z", TIMESTAMP)),
                                TIMESTAMP,
                                1_704_067_200_000_000L - 1,
                                1_704_067_200_000_000L + 1))
                .containsExactly(false, true);
    }

    @Test
    void appliesThreeValuedLogic() {
        List<List<Object>> rows =
                List.of(
                        row(true, true),
                        row(true, false),
                        row(true, null),
                        row(false, true),
                        row(false, false),
                        row(false, null),
                        row(null, true),
                        row(null, false),
                        row(null, null));
        assertThat(
                        eval2(
                                call(Operator.AND, BOOLEAN, ref(0, BOOLEAN), ref(1, BOOLEAN)),
                                BOOLEAN,
                                BOOLEAN,
                                rows))
                .containsExactly(true, false, null, false, false, false, null, false, null);
        assertThat(
                        eval2(
                                call(Operator.OR, BOOLEAN, ref(0, BOOLEAN), ref(1, BOOLEAN)),
                                BOOLEAN,
                                BOOLEAN,
                                rows))
                .containsExactly(true, true, true, true, false, null, true, null, null);
        assertThat(eval(call(Operator.NOT, BOOLEAN, ref(0, BOOLEAN)), BOOLEAN, true, false, null))
                .containsExactly(false, true, null);
    }

    @Test
    void andEvaluatesItsRightSideOnlyWhereNeeded() {
        // x <> 0 AND 10 / x > 1 must not divide by zero
        Expr guard = call(Operator.NOT_EQUALS, BOOLEAN, ref(0, BIGINT), lit(0, BIGINT));
        Expr division =
                call(
                        Operator.GREATER_THAN,
                        BOOLEAN,
                        call(Operator.DIVIDE, BIGINT, lit(10, BIGINT), ref(0, BIGINT)),
                        lit(1, BIGINT));
        assertThat(eval(call(Operator.AND, BOOLEAN, guard, division), BIGINT, 0L, 5L, 20L, null))
                .containsExactly(false, true, false, null);
        Expr isZero = call(Operator.EQUALS, BOOLEAN, ref(0, BIGINT), lit(0, BIGINT));
        assertThat(eval(call(Operator.OR, BOOLEAN, isZero, division), BIGINT, 0L, 5L, 20L))
                .containsExactly(true, true, false);
    }

    @Test
    void testsNulls() {
        assertThat(eval(call(Operator.IS_NULL, BOOLEAN, ref(0, TEXT)), TEXT, "a", null))
                .containsExactly(false, true);
        assertThat(eval(call(Operator.IS_NOT_NULL, BOOLEAN, ref(0, BIGINT)), BIGINT, 1L, null))
                .containsExactly(true, false);
    }

    @Test
    void doesArithmetic() {
        List<List<Object>> rows = List.of(row(7L, 2L), row(-7L, 2L), row(null, 1L));
        assertThat(
                        eval2(
                                call(Operator.PLUS, BIGINT, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(9L, -5L, null);
        assertThat(
                        eval2(
                                call(Operator.MINUS, BIGINT, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(5L, -9L, null);
        assertThat(
                        eval2(
                                call(Operator.TIMES, BIGINT, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(14L, -14L, null);
        assertThat(
                        eval2(
                                call(Operator.DIVIDE, BIGINT, ref(0, BIGINT), ref(1, BIGINT)),
                                BIGINT,
                                BIGINT,
                                rows))
                .containsExactly(3L, -3L, null);
        assertThat(
                        eval(
                                call(Operator.DIVIDE, DOUBLE, ref(0, DOUBLE), lit(4, DOUBLE)),
                                DOUBLE,
                                1.0,
                                null))
                .containsExactly(0.25, null);
        assertThat(eval(call(Operator.PLUS, DOUBLE, ref(0, INTEGER), lit(0.5, DOUBLE)), INTEGER, 1))
                .containsExactly(1.5);
    }

    @Test
    void divisionByZeroIsADataError() {
        assertThatThrownBy(
                        () ->
                                eval(
                                        call(
                                                Operator.DIVIDE,
                                                BIGINT,
                                                lit(1, BIGINT),
                                                ref(0, BIGINT)),
                                        BIGINT,
                                        1L,
                                        0L))
                .isInstanceOf(SluiceException.class)
                .hasMessage("division by zero")
                .extracting(e -> ((SluiceException) e).errorCode())
                .isEqualTo(ErrorCode.DIVISION_BY_ZERO);
        assertThatThrownBy(
                        () ->
                                eval(
                                        call(
                                                Operator.DIVIDE,
                                                DOUBLE,
                                                lit(1, DOUBLE),
                                                ref(0, DOUBLE)),
                                        DOUBLE,
                                        0.0))
                .hasMessage("division by zero");
        // NULL divisor is NULL, not an error
        assertThat(
                        eval(
                                call(Operator.DIVIDE, BIGINT, lit(1, BIGINT), ref(0, BIGINT)),
                                BIGINT,
                                (Object) null))
                .containsExactly((Object) null);
    }

    @Test
    void integerOverflowIsADataError() {
        assertThatThrownBy(
                        () ->
                                eval(
                                        call(
                                                Operator.TIMES,
                                                BIGINT,
                                                ref(0, BIGINT),
                                                lit(2, BIGINT)),
                                        BIGINT,
                                        Long.MAX_VALUE))
                .hasMessage("bigint out of range");
        assertThatThrownBy(
                        () ->
                                eval(
                                        call(
                                                Operator.PLUS,
                                                INTEGER,
                                                ref(0, INTEGER),
                                                lit(1, INTEGER)),
                                        INTEGER,
                                        Integer.MAX_VALUE))
                .hasMessage("integer out of range");
    }

    @Test
    void matchesLike() {
        Expr like = call(Operator.LIKE, BOOLEAN, ref(0, TEXT), lit("a%c_", TEXT));
        assertThat(eval(like, TEXT, "abcd", "ac", "acx", "aXXcé", "bacd", null))
                .containsExactly(true, false, true, true, false, null);
        assertThat(
                        eval(
                                call(Operator.LIKE, BOOLEAN, ref(0, TEXT), lit("%view", TEXT)),
                                TEXT,
                                "page_view",
                                "view",
                                "viewer"))
                .containsExactly(true, true, false);
        assertThat(
                        eval(
                                call(Operator.LIKE, BOOLEAN, ref(0, TEXT), lit("100\\%", TEXT)),
                                TEXT,
                                "100%",
                                "1000"))
                .containsExactly(true, false);
        assertThat(
                        eval(
                                call(Operator.LIKE, BOOLEAN, ref(0, TEXT), lit("%a%b%", TEXT)),
                                TEXT,
                                "xaxxbx",
                                "bxa",
                                "ab"))
                .containsExactly(true, false, true);
    }

    @Test
    void convertsCase() {
        assertThat(
                        eval(
                                call(Operator.UPPER, TEXT, ref(0, TEXT)),
                                TEXT,
                                "abc",
                                "straße",
                                "ÉtÉ",
                                null))
                .containsExactly("ABC", "STRASSE", "ÉTÉ", null);
        assertThat(eval(call(Operator.LOWER, TEXT, ref(0, TEXT)), TEXT, "AbC", "ÉTÉ"))
                .containsExactly("abc", "été");
    }

    @Test
    void coalesces() {
        List<List<Object>> rows = List.of(row("a", "b"), row(null, "b"), row(null, null));
        assertThat(
                        eval2(
                                call(
                                        Operator.COALESCE,
                                        TEXT,
                                        ref(0, TEXT),
                                        ref(1, TEXT),
                                        lit("z", TEXT)),
                                TEXT,
                                TEXT,
                                rows))
                .containsExactly("a", "b", "z");
        // operands of another type are cast to the call's type
        assertThat(
                        eval(
                                call(Operator.COALESCE, BIGINT, ref(0, INTEGER), lit(0, BIGINT)),
                                INTEGER,
                                5,
                                null))
                .containsExactly(5L, 0L);
    }

    @Test
    void castsTextToNumbersBooleansAndTimestamps() {
        assertThat(
                        eval(
                                call(Operator.CAST, BIGINT, ref(0, TEXT)),
                                TEXT,
                                "42",
                                " -7 ",
                                "9223372036854775807",
                                null))
                .containsExactly(42L, -7L, Long.MAX_VALUE, null);
        assertThat(eval(call(Operator.CAST, DOUBLE, ref(0, TEXT)), TEXT, "1.5", "1e3"))
                .containsExactly(1.5, 1000.0);
        assertThat(eval(call(Operator.CAST, BOOLEAN, ref(0, TEXT)), TEXT, "true", "f", "YES"))
                .containsExactly(true, false, true);
        assertThat(
                        eval(
                                call(Operator.CAST, TIMESTAMPTZ, ref(0, TEXT)),
                                TEXT,
                                "2024-01-01T00:00:00Z",
                                "2024-01-01 02:00:00.5+02:00",
                                "2024-01-01",
                                "2024-01-01T00:00:01.000001"))
                .containsExactly(
                        1_704_067_200_000_000L,
                        1_704_067_200_500_000L,
                        1_704_067_200_000_000L,
                        1_704_067_201_000_001L);
    }

    @Test
    void rejectsInvalidTextInCasts() {
        assertThatThrownBy(() -> eval(call(Operator.CAST, BIGINT, ref(0, TEXT)), TEXT, "12a"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("invalid input syntax for type bigint: \"12a\"");
        assertThatThrownBy(
                        () -> eval(call(Operator.CAST, INTEGER, ref(0, TEXT)), TEXT, "3000000000"))
                .hasMessage("integer out of range");
        assertThatThrownBy(
                        () -> eval(call(Operator.CAST, TIMESTAMP, ref(0, TEXT)), TEXT, "yesterday"))
                .hasMessageContaining("invalid input syntax for type timestamp");
    }

    @Test
    void castsToText() {
        assertThat(eval(call(Operator.CAST, TEXT, ref(0, BIGINT)), BIGINT, 42L, null))
                .containsExactly("42", null);
        assertThat(eval(call(Operator.CAST, TEXT, ref(0, DOUBLE)), DOUBLE, 1.0, 2.5))
                .containsExactly("1", "2.5");
        assertThat(eval(call(Operator.CAST, TEXT, ref(0, BOOLEAN)), BOOLEAN, true))
                .containsExactly("true");
        assertThat(
                        eval(
                                call(Operator.CAST, TEXT, ref(0, TIMESTAMP)),
                                TIMESTAMP,
                                1_704_067_200_500_000L))
                .containsExactly("2024-01-01 00:00:00.5");
        assertThat(eval(call(Operator.CAST, TEXT, ref(0, JSON)), JSON, "{\"a\": 1}"))
                .containsExactly("{\"a\": 1}");
    }

    @Test
    void evaluatesLiteralsOfEveryType() {
        assertThat(eval(lit("x", TEXT), BIGINT, 1L, 2L)).containsExactly("x", "x");
        assertThat(eval(lit(7, INTEGER), BIGINT, 1L)).containsExactly(7L);
        assertThat(eval(lit(1.25, DOUBLE), BIGINT, 1L)).containsExactly(1.25);
        assertThat(eval(lit(false, BOOLEAN), BIGINT, 1L)).containsExactly(false);
        assertThat(eval(lit(5, TIMESTAMP), BIGINT, 1L)).containsExactly(5L);
        assertThat(eval(lit(null, TEXT), BIGINT, 1L)).containsExactly((Object) null);
    }

    @Test
    void selectsRowsWherePredicateIsTrue() {
        RowSchema schema = Batches.schema("c", BIGINT);
        Expr predicate = call(Operator.GREATER_THAN, BOOLEAN, ref(0, BIGINT), lit(1, BIGINT));
        try (VectorSchemaRoot input =
                        Batches.batch(
                                allocator,
                                schema,
                                List.of(row(1L), row(2L), row((Object) null), row(3L)));
                CompiledExpression compiled =
                        ExpressionCompiler.compile(predicate, schema, allocator)) {
            int[] selected = new int[4];
            int count = compiled.select(input, selected);
            assertThat(Arrays.copyOf(selected, count)).containsExactly(1, 3);
        }
    }

    @Test
    void rejectsUnsupportedCombinationsAtCompileTime() {
        RowSchema schema = Batches.schema("t", TEXT, "n", BIGINT);
        assertUnsupported(call(Operator.EQUALS, BOOLEAN, ref(0, TEXT), ref(1, BIGINT)), schema);
        assertUnsupported(call(Operator.PLUS, TEXT, ref(0, TEXT), ref(0, TEXT)), schema);
        assertUnsupported(call(Operator.JSON_GET_TEXT, TEXT, ref(0, TEXT), ref(0, TEXT)), schema);
        assertUnsupported(call(Operator.LIKE, BOOLEAN, ref(0, TEXT), ref(0, TEXT)), schema);
        assertUnsupported(call(Operator.CAST, TypeKind.BYTEA, ref(1, BIGINT)), schema);
        assertUnsupported(call(Operator.UPPER, TEXT, ref(1, BIGINT)), schema);
        assertUnsupported(call(Operator.AND, BOOLEAN, ref(1, BIGINT), ref(1, BIGINT)), schema);
    }

    private void assertUnsupported(Expr expr, RowSchema schema) {
        assertThatThrownBy(() -> ExpressionCompiler.compile(expr, schema, allocator).close())
                .isInstanceOf(SluiceException.class)
                .extracting(e -> ((SluiceException) e).errorCode())
                .isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
    }
}
