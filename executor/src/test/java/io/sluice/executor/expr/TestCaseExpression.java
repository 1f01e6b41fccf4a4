package io.sluice.executor.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.testing.Batches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CASE against a row-at-a-time reference evaluation on random batches with nulls. */
class TestCaseExpression {
    private static final SqlType BIGINT = SqlType.of(TypeKind.BIGINT);
    private static final SqlType TEXT = SqlType.of(TypeKind.TEXT);
    private static final SqlType BOOL = SqlType.of(TypeKind.BOOLEAN);
    private static final RowSchema SCHEMA =
            new RowSchema(
                    List.of(
                            new Column("a", BIGINT),
                            new Column("b", BIGINT),
                            new Column("c", TEXT)));

    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    @Test
    void searchedCaseMatchesReferenceOnRandomBatches() {
        // CASE WHEN a > 0 THEN a WHEN b IS NULL THEN 100 ELSE b END
        Expr expr =
                call(
                        BIGINT,
                        new Call(
                                Operator.GREATER_THAN,
                                List.of(ref(0, BIGINT), lit("0", BIGINT)),
                                BOOL),
                        ref(0, BIGINT),
                        new Call(Operator.IS_NULL, List.of(ref(1, BIGINT)), BOOL),
                        lit("100", BIGINT),
                        ref(1, BIGINT));
        Function<Object[], Object> reference =
                row -> {
                    Long a = (Long) row[0];
                    Long b = (Long) row[1];
                    if (a != null && a > 0) {
                        return a;
                    }
                    if (b == null) {
                        return 100L;
                    }
                    return b;
                };
        checkAgainstReference(expr, reference);
    }

    @Test
    void textCaseWithNullConditionFallsThroughToElse() {
        // CASE WHEN a > 0 THEN c ELSE 'neg' END; a NULL condition does not match
        Expr expr =
                call(
                        TEXT,
                        new Call(
                                Operator.GREATER_THAN,
                                List.of(ref(0, BIGINT), lit("0", BIGINT)),
                                BOOL),
                        ref(2, TEXT),
                        lit("neg", TEXT));
        Function<Object[], Object> reference =
                row -> {
                    Long a = (Long) row[0];
                    return a != null && a > 0 ? row[2] : "neg";
                };
        checkAgainstReference(expr, reference);
    }

    @Test
    void valueIsOnlyComputedOnRowsItsConditionMatches() {
        // CASE WHEN b <> 0 THEN a / b ELSE 0 END never divides by zero
        Expr expr =
                call(
                        BIGINT,
                        new Call(
                                Operator.NOT_EQUALS,
                                List.of(ref(1, BIGINT), lit("0", BIGINT)),
                                BOOL),
                        new Call(Operator.DIVIDE, List.of(ref(0, BIGINT), ref(1, BIGINT)), BIGINT),
                        lit("0", BIGINT));
        Function<Object[], Object> reference =
                row -> {
                    Long a = (Long) row[0];
                    Long b = (Long) row[1];
                    if (b != null && b != 0) {
                        return a == null ? null : a / b;
                    }
                    return 0L;
                };
        checkAgainstReference(expr, reference);
    }

    private void checkAgainstReference(Expr expr, Function<Object[], Object> reference) {
        Random random = new Random(42);
        try (CompiledExpression compiled = ExpressionCompiler.compile(expr, SCHEMA, allocator)) {
            for (int batch = 0; batch < 20; batch++) {
                int size = 1 + random.nextInt(300);
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    rows.add(
                            Arrays.asList(
                                    random.nextInt(5) == 0 ? null : (long) random.nextInt(7) - 3,
                                    random.nextInt(5) == 0 ? null : (long) random.nextInt(5) - 2,
                                    random.nextInt(5) == 0 ? null : "s" + random.nextInt(100)));
                }
                try (VectorSchemaRoot input = Batches.batch(allocator, SCHEMA, rows)) {
                    FieldVector result = compiled.evaluate(input);
                    for (int i = 0; i < size; i++) {
                        Object expected = reference.apply(rows.get(i).toArray());
                        Object actual = result.getObject(i);
                        if (actual instanceof Text text) {
                            actual = text.toString();
                        }
                        assertThat(actual)
                                .as("row %s of batch %s: %s", i, batch, rows.get(i))
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    private static Expr call(SqlType type, Expr... operands) {
        return new Call(Operator.CASE, List.of(operands), type);
    }

    private static Expr ref(int index, SqlType type) {
        return new InputRef(index, type);
    }

    private static Expr lit(String value, SqlType type) {
        return new Literal(value, type);
    }
}
