package io.sluice.planner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.CompiledExpression;
import io.sluice.executor.expr.ExpressionCompiler;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SourceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans {@code INSERT ... SELECT f(...)} for each function, compiles the planned expression with
 * the executor and evaluates it on one row of values and one row of NULLs: the validator's
 * signatures, the translation and the kernels together.
 */
class FunctionsPipelineTest {
    private static final String DDL =
            "create table ev (id TEXT, ts TIMESTAMP, name TEXT, n INT, properties JSON) with"
                    + " (connector = 'kafka', bootstrap_servers = 'localhost:9092', topic = 't',"
                    + " format = 'json', type = 'source');\n"
                    + "create table out_table with (connector = 'delta', path = 's3://b/o',"
                    + " format = 'parquet');\n";

    /** 2024-05-01T12:34:56.789Z */
    private static final long TS = 1714566896789000L;

    private static final Map<String, Object> ROW =
            Map.of(
                    "id",
                    "a-b-c",
                    "ts",
                    TS,
                    "name",
                    "  Hello World 42  ",
                    "n",
                    7,
                    "properties",
                    "{\"user\":{\"name\":\"Ann\"},\"count\":3,\"price\":2.5,\"ok\":true,"
                            + "\"tags\":[\"x\",{\"k\":1}],\"nothing\":null}");

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
    void strings() {
        assertThat(eval("substr(name, 3, 5)")).containsExactly("Hello", null);
        assertThat(eval("substr(name, -1, 5)")).containsExactly("  H", null);
        assertThat(eval("SUBSTRING(id FROM 3)")).containsExactly("b-c", null);
        assertThat(eval("id || '/' || id")).containsExactly("a-b-c/a-b-c", null);
        assertThat(eval("concat(id, n, NULL, '!')")).containsExactly("a-b-c7!", "!");
        assertThat(eval("length(id)")).containsExactly("5", null);
        assertThat(eval("char_length('héllo')")).containsExactly("5", "5");
        assertThat(eval("trim(name)")).containsExactly("Hello World 42", null);
        assertThat(eval("ltrim(name)")).containsExactly("Hello World 42  ", null);
        assertThat(eval("rtrim(name)")).containsExactly("  Hello World 42", null);
        assertThat(eval("btrim(id, 'ac')")).containsExactly("-b-", null);
        assertThat(eval("TRIM(TRAILING 'c' FROM id)")).containsExactly("a-b-", null);
        assertThat(eval("replace(id, '-', '+-')")).containsExactly("a+-b+-c", null);
        assertThat(eval("split_part(id, '-', 2)")).containsExactly("b", null);
        assertThat(eval("split_part(id, '-', -1)")).containsExactly("c", null);
        assertThat(eval("split_part(id, '-', 9)")).containsExactly("", null);
        assertThat(eval("starts_with(id, 'a-')")).containsExactly("true", null);
        assertThat(eval("regexp_replace(id, '([a-z])-', '\\1_', 'g')"))
                .containsExactly("a_b_c", null);
        assertThat(eval("regexp_replace(id, '-', '')")).containsExactly("ab-c", null);
        assertThat(eval("regexp_extract(name, '([0-9]+)')")).containsExactly("42", null);
        assertThat(eval("regexp_extract(name, 'W(or)ld', 0)")).containsExactly("World", null);
        assertThat(eval("regexp_match(id, '(a)-(b)')")).containsExactly("[\"a\",\"b\"]", null);
        assertThat(eval("regexp_like(name, 'world', 'i')")).containsExactly("true", null);
        assertThat(eval("md5(id)")).containsExactly("7b193b3d33184464106f41ddf733783b", null);
        assertThat(eval("upper(id) ILIKE 'A-%'")).containsExactly("true", null);
        assertThat(eval("id NOT ILIKE 'A-%'")).containsExactly("false", null);
        assertThat(eval("NULLIF(n, 7)")).containsExactly(null, null);
        assertThat(eval("n IN (1, 7)")).containsExactly("true", null);
        assertThat(eval("n IS DISTINCT FROM 7")).containsExactly("false", "true");
        assertThat(eval("n IS NOT DISTINCT FROM NULL")).containsExactly("false", "true");
        assertThat(eval("length(CAST(gen_random_uuid() AS TEXT))")).containsExactly("36", "36");
    }

    @Test
    void time() {
        assertThat(eval("CAST(date_trunc('hour', ts) AS TEXT)"))
                .containsExactly("2024-05-01 12:00:00", null);
        assertThat(eval("CAST(date_trunc('month', ts) AS TEXT)"))
                .containsExactly("2024-05-01 00:00:00", null);
        assertThat(eval("CAST(date_trunc('week', ts) AS TEXT)"))
                .containsExactly("2024-04-29 00:00:00", null);
        assertThat(eval("EXTRACT(MINUTE FROM ts)")).containsExactly("34", null);
        assertThat(eval("EXTRACT(YEAR FROM ts)")).containsExactly("2024", null);
        assertThat(eval("date_part('second', ts)")).containsExactly("56.789", null);
        assertThat(eval("date_part('dow', ts)")).containsExactly("3.0", null);
        assertThat(eval("epoch_ms(ts)")).containsExactly("1714566896789", null);
        assertThat(eval("CAST(epoch_ms(epoch_ms(ts)) AS TEXT)"))
                .containsExactly("2024-05-01 12:34:56.789", null);
        assertThat(eval("CAST(to_timestamp(n) AS TEXT)"))
                .containsExactly("1970-01-01 00:00:07+00", null);
        assertThat(eval("CAST(to_timestamp('2024-05-01T10:00:00+02:00') AS TEXT)"))
                .containsExactly("2024-05-01 08:00:00+00", "2024-05-01 08:00:00+00");
        assertThat(eval("CAST(ts + INTERVAL '90' MINUTE AS TEXT)"))
                .containsExactly("2024-05-01 14:04:56.789", null);
        assertThat(eval("CAST(ts - INTERVAL '1' DAY AS TEXT)"))
                .containsExactly("2024-04-30 12:34:56.789", null);
        assertThat(eval("now() IS NOT NULL")).containsExactly("true", "true");
    }

    @Test
    void json() {
        assertThat(eval("json_get_str(properties, 'user', 'name')")).containsExactly("Ann", null);
        assertThat(eval("json_get_str(properties, 'count')")).containsExactly(null, null);
        assertThat(eval("json_get_int(properties, 'count')")).containsExactly("3", null);
        assertThat(eval("json_get_float(properties, 'price')")).containsExactly("2.5", null);
        assertThat(eval("json_get_bool(properties, 'ok')")).containsExactly("true", null);
        assertThat(eval("json_get_json(properties, 'tags', 1)")).containsExactly("{\"k\":1}", null);
        assertThat(eval("json_contains(properties, 'nothing')")).containsExactly("true", null);
        assertThat(eval("json_contains(properties, 'missing')")).containsExactly("false", null);
        assertThat(eval("json_length(properties, 'tags')")).containsExactly("2", null);
        assertThat(eval("json_length(properties)")).containsExactly("6", null);
        assertThat(eval("extract_json(properties, '$.tags[1].k')")).containsExactly("[1]", null);
        assertThat(eval("extract_json_string(properties, '$.user.name')"))
                .containsExactly("Ann", null);
        assertThat(eval("get_first_json_object(properties, '$[''user'']')"))
                .containsExactly("{\"name\":\"Ann\"}", null);
        assertThat(eval("properties->>'count'")).containsExactly("3", null);
    }

    @Test
    void unknownFunctionSuggestsTheNearestName() {
        assertThatThrownBy(() -> eval("json_get_sting(properties, 'a')"))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_FUNCTION);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "function json_get_sting(<CHARACTER>, <CHARACTER>) does"
                                                + " not exist (did you mean \"json_get_str\"?)");
                        });
    }

    @Test
    void integerOverflowIsAnError() {
        assertThatThrownBy(() -> eval("n * 2147483647"))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e ->
                                assertThat(e.errorCode())
                                        .isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE));
    }

    /** The expression's value on the sample row and on a row of NULLs, as text. */
    private List<String> eval(String expression) {
        String sql = DDL + "INSERT INTO out_table SELECT " + expression + " AS v FROM ev;";
        PlannedInsert planned = new PlannerHarness().run(sql).get(0);
        RowSchema input = null;
        CalcSpec calc = null;
        for (OperatorSpec operator : planned.plan().operators()) {
            if (operator instanceof SourceSpec source) {
                input = source.outputSchema();
            } else if (operator instanceof CalcSpec spec) {
                calc = spec;
            }
        }
        assertThat(calc).as("calc of %s", expression).isNotNull();
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(input.toArrowSchema(), allocator);
                CompiledExpression compiled =
                        ExpressionCompiler.compile(calc.projections().get(0), input, allocator)) {
            batch.allocateNew();
            for (int c = 0; c < input.size(); c++) {
                set(batch.getVector(c), ROW.get(input.column(c).name()));
            }
            batch.setRowCount(2);
            FieldVector result = compiled.evaluate(batch);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Object value = result.getObject(i);
                values.add(value == null ? null : String.valueOf(value));
            }
            return values;
        }
    }

    private static void set(FieldVector vector, Object value) {
        if (vector instanceof VarCharVector text) {
            text.setSafe(0, ((String) value).getBytes(UTF_8));
        } else if (vector instanceof IntVector ints) {
            ints.setSafe(0, (Integer) value);
        } else if (vector instanceof BigIntVector longs) {
            longs.setSafe(0, (Long) value);
        } else if (vector instanceof TimeStampVector timestamps) {
            timestamps.setSafe(0, (Long) value);
        } else {
            throw new IllegalArgumentException("unexpected " + Arrays.asList(vector, value));
        }
        vector.setNull(1);
        vector.setValueCount(2);
    }
}
