package io.sluice.executor.runtime;

import static io.sluice.executor.plan.TypeKind.BIGINT;
import static io.sluice.executor.plan.TypeKind.BOOLEAN;
import static io.sluice.executor.plan.TypeKind.JSON;
import static io.sluice.executor.plan.TypeKind.TEXT;
import static io.sluice.executor.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.testing.Batches;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

final class TestCalcOperator {
    private static final RowSchema INPUT =
            Batches.schema("id", BIGINT, "event_type", TEXT, "properties", JSON);

    private static Expr ref(int index, TypeKind kind) {
        return new InputRef(index, SqlType.of(kind));
    }

    private static CalcSpec calc(
            Optional<Expr> condition, List<Expr> projections, RowSchema output) {
        return new CalcSpec("calc", List.of("source"), condition, projections, output);
    }

    @Test
    void filtersAndProjects() {
        Expr isView =
                new Call(
                        Operator.EQUALS,
                        List.of(ref(1, TEXT), new Literal("page_view", SqlType.of(TEXT))),
                        SqlType.of(BOOLEAN));
        Expr page =
                new Call(
                        Operator.JSON_GET_TEXT,
                        List.of(ref(2, JSON), new Literal("page", SqlType.of(TEXT))),
                        SqlType.of(TEXT));
        RowSchema output = Batches.schema("id", BIGINT, "page", TEXT, "event_type", TEXT);
        try (BufferAllocator allocator = new RootAllocator();
                CalcOperator operator =
                        new CalcOperator(
                                calc(
                                        Optional.of(isView),
                                        List.of(ref(0, BIGINT), page, ref(1, TEXT)),
                                        output),
                                INPUT,
                                allocator)) {
            for (int round = 0; round < 2; round++) {
                try (VectorSchemaRoot input =
                        Batches.batch(
                                allocator,
                                INPUT,
                                List.of(
                                        row(1L, "page_view", "{\"page\": \"/home\"}"),
                                        row(2L, "click", "{\"page\": \"/x\"}"),
                                        row(3L, null, "{}"),
                                        row(4L, "page_view", "not json")))) {
                    VectorSchemaRoot result = operator.process(input);
                    assertThat(result.getSchema().getFields().get(1).getName()).isEqualTo("page");
                    assertThat(Batches.rows(result))
                            .containsExactly(
                                    row(1L, "/home", "page_view"), row(4L, null, "page_view"));
                }
            }
        }
    }

    @Test
    void transfersPlainColumnsWhenNoRowIsDropped() {
        RowSchema output = Batches.schema("event_type", TEXT, "again", TEXT, "id", BIGINT);
        try (BufferAllocator allocator = new RootAllocator();
                CalcOperator operator =
                        new CalcOperator(
                                calc(
                                        Optional.empty(),
                                        List.of(ref(1, TEXT), ref(1, TEXT), ref(0, BIGINT)),
                                        output),
                                INPUT,
                                allocator);
                VectorSchemaRoot input =
                        Batches.batch(
                                allocator,
                                INPUT,
                                List.of(row(1L, "a", "{}"), row(2L, "b", "{}")))) {
            VectorSchemaRoot result = operator.process(input);

            assertThat(Batches.rows(result)).containsExactly(row("a", "a", 1L), row("b", "b", 2L));
            // the first reference took the input's buffers; the second copied before that
            assertThat(input.getVector(1).getValueCapacity()).isZero();
        }
    }

    @Test
    void castsProjectionsToTheOutputType() {
        RowSchema output = Batches.schema("id_text", TEXT);
        try (BufferAllocator allocator = new RootAllocator();
                CalcOperator operator =
                        new CalcOperator(
                                calc(Optional.empty(), List.of(ref(0, BIGINT)), output),
                                INPUT,
                                allocator);
                VectorSchemaRoot input =
                        Batches.batch(allocator, INPUT, List.of(row(12L, "a", "{}")))) {
            assertThat(Batches.rows(operator.process(input))).containsExactly(row("12"));
        }
    }

    @Test
    void producesEmptyBatchWhenNothingMatches() {
        Expr never = new Literal("false", SqlType.of(BOOLEAN));
        RowSchema output = Batches.schema("id", BIGINT);
        try (BufferAllocator allocator = new RootAllocator();
                CalcOperator operator =
                        new CalcOperator(
                                calc(Optional.of(never), List.of(ref(0, BIGINT)), output),
                                INPUT,
                                allocator);
                VectorSchemaRoot input =
                        Batches.batch(allocator, INPUT, List.of(row(1L, "a", "{}")))) {
            assertThat(operator.process(input).getRowCount()).isZero();
        }
    }
}
