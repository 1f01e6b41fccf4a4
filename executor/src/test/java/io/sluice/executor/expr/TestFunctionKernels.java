package io.sluice.executor.expr;

import static io.sluice.executor.expr.TestExpressionCompiler.call;
import static io.sluice.executor.expr.TestExpressionCompiler.lit;
import static io.sluice.executor.expr.TestExpressionCompiler.ref;
import static io.sluice.executor.plan.TypeKind.BIGINT;
import static io.sluice.executor.plan.TypeKind.BOOLEAN;
import static io.sluice.executor.plan.TypeKind.DOUBLE;
import static io.sluice.executor.plan.TypeKind.INTEGER;
import static io.sluice.executor.plan.TypeKind.JSON;
import static io.sluice.executor.plan.TypeKind.TEXT;
import static io.sluice.executor.plan.TypeKind.TIMESTAMP;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.testing.Batches;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each kernel family against a plain row-at-a-time reference written with Java strings and
 * java.time, on random batches with NULLs, evaluated over all rows and over a selection.
 */
final class TestFunctionKernels {
    private static final RowSchema SCHEMA =
            Batches.schema("s", TEXT, "t", TEXT, "i", BIGINT, "ts", TIMESTAMP, "j", JSON);
    private static final String[] PIECES = {"a", "b", "-", "é", "ü", "xy", " ", "A", "9", "€"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
    void stringKernelsMatchTheReference() {
        for (long seed = 0; seed < 20; seed++) {
            List<List<Object>> rows = randomRows(new Random(seed), 200);
            check(
                    rows,
                    call(Operator.SUBSTRING, TEXT, ref(0, TEXT), ref(2, BIGINT), lit(3, BIGINT)),
                    r ->
                            strict(r.get(0), r.get(2))
                                    ? null
                                    : substr((String) r.get(0), (Long) r.get(2), 3));
            check(
                    rows,
                    call(Operator.CONCAT, TEXT, ref(0, TEXT), ref(1, TEXT)),
                    r -> strict(r.get(0), r.get(1)) ? null : (String) r.get(0) + r.get(1));
            check(
                    rows,
                    call(Operator.CONCAT_FUNCTION, TEXT, ref(0, TEXT), ref(1, TEXT)),
                    r ->
                            (r.get(0) == null ? "" : (String) r.get(0))
                                    + (r.get(1) == null ? "" : r.get(1)));
            check(
                    rows,
                    call(Operator.CHAR_LENGTH, INTEGER, ref(0, TEXT)),
                    r ->
                            r.get(0) == null
                                    ? null
                                    : (long)
                                            ((String) r.get(0))
                                                    .codePointCount(
                                                            0, ((String) r.get(0)).length()));
            check(
                    rows,
                    call(Operator.BTRIM, TEXT, ref(0, TEXT), lit("-a", TEXT)),
                    r -> r.get(0) == null ? null : trim((String) r.get(0), "-a", true, true));
            check(
                    rows,
                    call(Operator.RTRIM, TEXT, ref(0, TEXT), lit("é ", TEXT)),
                    r -> r.get(0) == null ? null : trim((String) r.get(0), "é ", false, true));
            check(
                    rows,
                    call(Operator.REPLACE, TEXT, ref(0, TEXT), lit("a", TEXT), lit("xy", TEXT)),
                    r -> r.get(0) == null ? null : ((String) r.get(0)).replace("a", "xy"));
            check(
                    rows,
                    call(Operator.SPLIT_PART, TEXT, ref(0, TEXT), lit("-", TEXT), lit(2, BIGINT)),
                    r -> r.get(0) == null ? null : splitPart((String) r.get(0), "-", 2));
            check(
                    rows,
                    call(Operator.SPLIT_PART, TEXT, ref(0, TEXT), lit("-", TEXT), lit(-1, BIGINT)),
                    r -> r.get(0) == null ? null : splitPart((String) r.get(0), "-", -1));
            check(
                    rows,
                    call(Operator.STARTS_WITH, BOOLEAN, ref(0, TEXT), ref(1, TEXT)),
                    r ->
                            strict(r.get(0), r.get(1))
                                    ? null
                                    : ((String) r.get(0)).startsWith((String) r.get(1)));
            check(
                    rows,
                    call(
                            Operator.REGEXP_REPLACE,
                            TEXT,
                            ref(0, TEXT),
                            lit("[ab]+", TEXT),
                            lit("<\\&>", TEXT),
                            lit("g", TEXT)),
                    r -> r.get(0) == null ? null : ((String) r.get(0)).replaceAll("[ab]+", "<$0>"));
            check(
                    rows,
                    call(Operator.MD5, TEXT, ref(0, TEXT)),
                    r -> r.get(0) == null ? null : md5((String) r.get(0)));
            check(
                    rows,
                    call(Operator.ILIKE, BOOLEAN, ref(0, TEXT), lit("%A%", TEXT)),
                    r ->
                            r.get(0) == null
                                    ? null
                                    : ((String) r.get(0))
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .contains("a"));
        }
    }

    @Test
    void timeKernelsMatchTheReference() {
        for (long seed = 0; seed < 20; seed++) {
            List<List<Object>> rows = randomRows(new Random(seed), 200);
            for (String unit :
                    List.of(
                            "second", "minute", "hour", "day", "week", "month", "quarter",
                            "year")) {
                check(
                        rows,
                        call(Operator.DATE_TRUNC, TIMESTAMP, lit(unit, TEXT), ref(3, TIMESTAMP)),
                        r -> r.get(3) == null ? null : truncate((Long) r.get(3), unit));
            }
            for (String unit :
                    List.of(
                            "second", "minute", "hour", "day", "dow", "doy", "month", "quarter",
                            "year", "epoch")) {
                check(
                        rows,
                        call(Operator.DATE_PART, BIGINT, lit(unit, TEXT), ref(3, TIMESTAMP)),
                        r -> r.get(3) == null ? null : part((Long) r.get(3), unit));
            }
            check(
                    rows,
                    call(Operator.EPOCH_MS, BIGINT, ref(3, TIMESTAMP)),
                    r -> r.get(3) == null ? null : Math.floorDiv((Long) r.get(3), 1000L));
            check(
                    rows,
                    call(Operator.PLUS, TIMESTAMP, ref(3, TIMESTAMP), lit(3_600_000_000L, BIGINT)),
                    r -> r.get(3) == null ? null : (Long) r.get(3) + 3_600_000_000L);
        }
    }

    @Test
    void jsonKernelsMatchTheReference() {
        for (long seed = 0; seed < 20; seed++) {
            List<List<Object>> rows = randomRows(new Random(seed), 200);
            check(
                    rows,
                    call(Operator.JSON_GET_STR, TEXT, ref(4, JSON), lit("a", TEXT)),
                    r -> json(r, "/a", n -> n.isTextual() ? n.textValue() : null));
            check(
                    rows,
                    call(Operator.JSON_GET_INT, BIGINT, ref(4, JSON), lit("a", TEXT)),
                    r -> json(r, "/a", n -> n.isIntegralNumber() ? n.longValue() : null));
            check(
                    rows,
                    call(Operator.JSON_GET_FLOAT, DOUBLE, ref(4, JSON), lit("a", TEXT)),
                    r -> json(r, "/a", n -> n.isNumber() ? n.doubleValue() : null));
            check(
                    rows,
                    call(Operator.JSON_GET_BOOL, BOOLEAN, ref(4, JSON), lit("a", TEXT)),
                    r -> json(r, "/a", n -> n.isBoolean() ? n.booleanValue() : null));
            check(
                    rows,
                    call(Operator.JSON_GET_STR, TEXT, ref(4, JSON), lit("b", TEXT), lit("c", TEXT)),
                    r -> json(r, "/b/c", n -> n.isTextual() ? n.textValue() : null));
            check(
                    rows,
                    call(Operator.EXTRACT_JSON_STRING, TEXT, ref(4, JSON), lit("$.b.c", TEXT)),
                    r -> json(r, "/b/c", n -> n.isTextual() ? n.textValue() : null));
            check(
                    rows,
                    call(Operator.JSON_GET_STR, TEXT, ref(4, JSON), lit("l", TEXT), lit(1, BIGINT)),
                    r -> json(r, "/l/1", n -> n.isTextual() ? n.textValue() : null));
            check(
                    rows,
                    call(Operator.JSON_LENGTH, BIGINT, ref(4, JSON), lit("l", TEXT)),
                    r -> json(r, "/l", n -> n.isContainerNode() ? (long) n.size() : null));
            check(
                    rows,
                    call(Operator.JSON_LENGTH, BIGINT, ref(4, JSON)),
                    r -> json(r, "", n -> (long) n.size()));
            check(
                    rows,
                    call(
                            Operator.JSON_CONTAINS,
                            BOOLEAN,
                            ref(4, JSON),
                            lit("b", TEXT),
                            lit("c", TEXT)),
                    r -> r.get(4) == null ? null : !tree(r).at("/b/c").isMissingNode());
        }
    }

    /** Compares the kernel with the reference over all rows and over every other row. */
    private void check(
            List<List<Object>> rows, Expr expr, Function<List<Object>, Object> reference) {
        List<Object> expected = new ArrayList<>();
        for (List<Object> row : rows) {
            expected.add(reference.apply(row));
        }
        try (VectorSchemaRoot input = Batches.batch(allocator, SCHEMA, rows);
                CompiledExpression compiled = ExpressionCompiler.compile(expr, SCHEMA, allocator);
                FieldVector target = expr.type().toArrowField("target").createVector(allocator)) {
            assertThat(normalize(Batches.values(compiled.evaluate(input))))
                    .as("%s", expr)
                    .isEqualTo(normalize(expected));
            int[] selection = new int[rows.size()];
            int count = 0;
            for (int i = 0; i < rows.size(); i += 2) {
                selection[count++] = i;
            }
            compiled.evaluateInto(input, selection, count, target);
            List<Object> selected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                selected.add(expected.get(selection[i]));
            }
            assertThat(normalize(Batches.values(target)))
                    .as("%s on a selection", expr)
                    .isEqualTo(normalize(selected));
        }
    }

    private static List<Object> normalize(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object value : values) {
            out.add(value instanceof Integer n ? (Object) n.longValue() : value);
        }
        return out;
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(
                    Arrays.asList(
                            random.nextInt(5) == 0 ? null : randomText(random),
                            random.nextInt(5) == 0
                                    ? null
                                    : randomText(random).substring(0, 0)
                                            + PIECES[random.nextInt(PIECES.length)],
                            random.nextInt(5) == 0 ? null : (long) (random.nextInt(13) - 4),
                            random.nextInt(5) == 0
                                    ? null
                                    : random.nextLong(
                                            -3_000_000_000_000_000L, 3_000_000_000_000_000L),
                            random.nextInt(5) == 0 ? null : randomJson(random)));
        }
        return rows;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static String randomJson(Random random) {
        if (random.nextInt(10) == 0) {
            return random.nextBoolean() ? "not json" : "[1, 2]";
        }
        StringBuilder json = new StringBuilder("{");
        if (random.nextInt(4) != 0) {
            json.append("\"a\": ").append(randomScalar(random)).append(", ");
        }
        json.append("\"b\": {\"c\": ").append(randomScalar(random)).append("}");
        if (random.nextBoolean()) {
            json.append(", \"l\": [")
                    .append(randomScalar(random))
                    .append(", ")
                    .append(randomScalar(random))
                    .append("]");
        }
        return json.append(" }").toString();
    }

    private static String randomScalar(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return "\""
                        + randomText(random)
                        + (random.nextBoolean() ? "\\\"q\\u00e9" : "")
                        + "\"";
            case 1:
                return String.valueOf(random.nextInt(2_000_000) - 1_000_000);
            case 2:
                return String.valueOf(random.nextInt(1000) / 8.0);
            case 3:
                return String.valueOf(random.nextBoolean());
            case 4:
                return "null";
            default:
                return "{\"x\": [1, {\"y\": \"}\"}]}";
        }
    }

    private static boolean strict(Object... values) {
        return Arrays.stream(values).anyMatch(v -> v == null);
    }

    private static String substr(String text, long start, long length) {
        int[] codePoints = text.codePoints().toArray();
        long from = Math.max(start, 1);
        long to = Math.min(start + length, codePoints.length + 1L);
        if (to <= from) {
            return "";
        }
        return new String(codePoints, (int) from - 1, (int) (to - from));
    }

    private static String trim(String text, String set, boolean leading, boolean trailing) {
        int start = 0;
        int end = text.length();
        while (leading && start < end && set.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (trailing && end > start && set.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    private static String splitPart(String text, String delimiter, int n) {
        String[] parts = text.split(java.util.regex.Pattern.quote(delimiter), -1);
        int index = n > 0 ? n - 1 : parts.length + n;
        return index >= 0 && index < parts.length ? parts[index] : "";
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(UTF_8));
            return String.format(java.util.Locale.ROOT, "%032x", new BigInteger(1, digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static long truncate(long micros, String unit) {
        LocalDateTime time =
                LocalDateTime.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000,
                        ZoneOffset.UTC);
        LocalDateTime truncated;
        switch (unit) {
            case "week":
                truncated =
                        time.truncatedTo(ChronoUnit.DAYS)
                                .minusDays(
                                        time.getDayOfWeek().getValue()
                                                - DayOfWeek.MONDAY.getValue());
                break;
            case "month":
                truncated = time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                break;
            case "quarter":
                truncated =
                        time.truncatedTo(ChronoUnit.DAYS)
                                .withDayOfMonth(1)
                                .withMonth((time.getMonthValue() - 1) / 3 * 3 + 1);
                break;
            case "year":
                truncated = time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
                break;
            default:
                truncated =
                        time.truncatedTo(
                                ChronoUnit.valueOf(unit.toUpperCase(java.util.Locale.ROOT) + "S"));
        }
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), truncated);
    }

    private static long part(long micros, String unit) {
        LocalDateTime time =
                LocalDateTime.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000,
                        ZoneOffset.UTC);
        switch (unit) {
            case "second":
                return time.getSecond();
            case "minute":
                return time.getMinute();
            case "hour":
                return time.getHour();
            case "day":
                return time.getDayOfMonth();
            case "dow":
                return time.getDayOfWeek().getValue() % 7;
            case "doy":
                return time.getDayOfYear();
            case "month":
                return time.getMonthValue();
            case "quarter":
                return (time.getMonthValue() - 1) / 3 + 1;
            case "year":
                return time.getYear();
            default:
                return Math.floorDiv(micros, 1_000_000L);
        }
    }

    private static JsonNode tree(List<Object> row) {
        try {
            return MAPPER.readTree((String) row.get(4));
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static Object json(List<Object> row, String pointer, Function<JsonNode, Object> read) {
        if (row.get(4) == null) {
            return null;
        }
        JsonNode node = tree(row);
        if (node.isMissingNode()) {
            return null;
        }
        JsonNode value = pointer.isEmpty() ? node : node.at(pointer);
        return value.isMissingNode() ? null : read.apply(value);
    }
}
