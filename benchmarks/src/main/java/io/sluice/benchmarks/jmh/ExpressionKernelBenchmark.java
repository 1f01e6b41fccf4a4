package io.sluice.benchmarks.jmh;

import io.sluice.benchmarks.sluice.ArticlePipeline;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.CompiledExpression;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.ExpressionCompiler;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One expression per kernel family over batches of the article's events, evaluated on one thread;
 * the score is input rows per second. {@code json} is the article's three {@code ->>} reads next to
 * {@code json_get_str}, {@code string} a chain of text functions, {@code time} truncation and field
 * extraction on the event timestamp.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Darrow.allocation.manager.type=Unsafe"
        })
public class ExpressionKernelBenchmark {
    static final int BATCH_ROWS = 4096;

    private static final SqlType TEXT = SqlType.of(TypeKind.TEXT);
    private static final SqlType JSON = SqlType.of(TypeKind.JSON);
    private static final SqlType TIMESTAMPTZ = SqlType.of(TypeKind.TIMESTAMPTZ);

    @Param({
        "json_get_text",
        "json_get_str",
        "json_get_int",
        "lower_trim",
        "split_part",
        "substr_concat",
        "regexp_extract",
        "md5",
        "date_trunc_hour",
        "date_trunc_month",
        "extract_hour",
        "timestamp_plus_interval"
    })
    public String expression;

    private BufferAllocator allocator;
    private VectorSchemaRoot input;
    private CompiledExpression compiled;

    @Setup
    public void setUp() {
        allocator = new RootAllocator();
        input = EventBatches.decoded(allocator, BATCH_ROWS);
        compiled = ExpressionCompiler.compile(expr(expression), ArticlePipeline.EVENTS, allocator);
    }

    static Expr expr(String name) {
        Expr properties = new InputRef(7, JSON);
        Expr id = new InputRef(0, TEXT);
        Expr platform = new InputRef(4, TEXT);
        Expr appVersion = new InputRef(5, TEXT);
        Expr timestamp = new InputRef(1, TIMESTAMPTZ);
        switch (name) {
            case "json_get_text":
                return call(Operator.JSON_GET_TEXT, TEXT, properties, text("signup_method"));
            case "json_get_str":
                return call(Operator.JSON_GET_STR, TEXT, properties, text("signup_method"));
            case "json_get_int":
                return call(
                        Operator.JSON_GET_INT,
                        SqlType.of(TypeKind.BIGINT),
                        properties,
                        text("campaign_id"));
            case "lower_trim":
                return call(Operator.LOWER, TEXT, call(Operator.BTRIM, TEXT, platform, text(" ")));
            case "split_part":
                return call(
                        Operator.SPLIT_PART,
                        TEXT,
                        appVersion,
                        text("."),
                        new Literal("2", SqlType.of(TypeKind.INTEGER)));
            case "substr_concat":
                return call(
                        Operator.CONCAT,
                        TEXT,
                        call(
                                Operator.SUBSTRING,
                                TEXT,
                                id,
                                new Literal("1", SqlType.of(TypeKind.INTEGER)),
                                new Literal("8", SqlType.of(TypeKind.INTEGER))),
                        platform);
            case "regexp_extract":
                return call(Operator.REGEXP_EXTRACT, TEXT, appVersion, text("^([0-9]+)"));
            case "md5":
                return call(Operator.MD5, TEXT, id);
            case "date_trunc_hour":
                return call(Operator.DATE_TRUNC, TIMESTAMPTZ, text("hour"), timestamp);
            case "date_trunc_month":
                return call(Operator.DATE_TRUNC, TIMESTAMPTZ, text("month"), timestamp);
            case "extract_hour":
                return call(
                        Operator.DATE_PART, SqlType.of(TypeKind.BIGINT), text("hour"), timestamp);
            case "timestamp_plus_interval":
                return call(
                        Operator.PLUS,
                        TIMESTAMPTZ,
                        timestamp,
                        new Literal("3600000000", SqlType.of(TypeKind.BIGINT)));
            default:
                throw new IllegalArgumentException("unknown expression " + name);
        }
    }

    private static Expr call(Operator operator, SqlType type, Expr... operands) {
        return new Call(operator, List.of(operands), type);
    }

    private static Expr text(String value) {
        return new Literal(value, TEXT.withNullable(false));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_ROWS)
    public int evaluate() {
        return compiled.evaluate(input).getValueCount();
    }

    @TearDown
    public void tearDown() {
        compiled.close();
        input.close();
        allocator.close();
    }
}
