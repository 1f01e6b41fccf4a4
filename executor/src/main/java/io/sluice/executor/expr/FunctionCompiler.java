package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Builds the kernels of the string, time, JSON and hash functions. Arguments that shape the
 * computation (units, patterns, JSON paths, flags) must be constants; they are read here once, and
 * their operand nodes are closed.
 */
final class FunctionCompiler {
    private final BufferAllocator allocator;

    FunctionCompiler(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** Compiles {@code call}, or returns null when its operator is not one of these functions. */
    ExprNode compile(Call call, List<ExprNode> operands) {
        Operator operator = call.operator();
        SqlType type = call.type();
        switch (operator) {
            case ILIKE:
                return null;
            case CONCAT:
            case CONCAT_FUNCTION:
                requireType(call, type, TypeKind.TEXT);
                for (int i = 0; i < operands.size(); i++) {
                    asText(operands, i);
                }
                return node(
                        call,
                        operands,
                        StringKernels.concat(
                                operands.size(), operator == Operator.CONCAT_FUNCTION));
            case SUBSTRING:
                arity(call, 2, 3);
                text(call, operands, 0);
                integral(call, operands, 1);
                if (operands.size() == 3) {
                    integral(call, operands, 2);
                }
                return node(call, operands, StringKernels.substring(operands.size() == 3));
            case CHAR_LENGTH:
                arity(call, 1, 1);
                text(call, operands, 0);
                requireType(call, type, TypeKind.INTEGER);
                return node(call, operands, StringKernels.charLength());
            case BTRIM:
            case LTRIM:
            case RTRIM:
                arity(call, 2, 2);
                text(call, operands, 0);
                text(call, operands, 1);
                return node(
                        call,
                        operands,
                        StringKernels.trim(operator != Operator.RTRIM, operator != Operator.LTRIM));
            case REPLACE:
                arity(call, 3, 3);
                for (int i = 0; i < 3; i++) {
                    text(call, operands, i);
                }
                return node(call, operands, StringKernels.replace());
            case SPLIT_PART:
                arity(call, 3, 3);
                text(call, operands, 0);
                text(call, operands, 1);
                integral(call, operands, 2);
                return node(call, operands, StringKernels.splitPart());
            case STARTS_WITH:
                arity(call, 2, 2);
                text(call, operands, 0);
                text(call, operands, 1);
                return node(call, operands, StringKernels.startsWith());
            case REGEXP_LIKE:
                {
                    arity(call, 2, 3);
                    text(call, operands, 0);
                    Pattern pattern = pattern(call, 1, operands.size() == 3 ? 2 : -1);
                    return node(call, keepFirst(operands, 1), StringKernels.regexpLike(pattern));
                }
            case REGEXP_REPLACE:
                {
                    arity(call, 3, 4);
                    text(call, operands, 0);
                    String flags = operands.size() == 4 ? constant(call, 3) : "";
                    Pattern pattern = pattern(call, 1, operands.size() == 4 ? 3 : -1);
                    String replacement = constant(call, 2);
                    return node(
                            call,
                            keepFirst(operands, 1),
                            StringKernels.regexpReplace(
                                    pattern, replacement, flags.indexOf('g') >= 0));
                }
            case REGEXP_EXTRACT:
                {
                    arity(call, 2, 3);
                    text(call, operands, 0);
                    Pattern pattern = pattern(call, 1, -1);
                    int group =
                            operands.size() == 3
                                    ? Integer.parseInt(constant(call, 2).trim())
                                    : pattern.matcher("").groupCount() > 0 ? 1 : 0;
                    return node(
                            call,
                            keepFirst(operands, 1),
                            StringKernels.regexpExtract(pattern, group));
                }
            case REGEXP_MATCH:
                {
                    arity(call, 2, 3);
                    text(call, operands, 0);
                    Pattern pattern = pattern(call, 1, operands.size() == 3 ? 2 : -1);
                    return node(call, keepFirst(operands, 1), StringKernels.regexpMatch(pattern));
                }
            case MD5:
            case SHA256:
                arity(call, 1, 1);
                text(call, operands, 0);
                return node(
                        call,
                        operands,
                        StringKernels.digest(operator == Operator.MD5 ? "MD5" : "SHA-256"));
            case GEN_RANDOM_UUID:
                arity(call, 0, 0);
                return node(call, operands, StringKernels.randomUuid());
            case DATE_TRUNC:
                arity(call, 2, 2);
                temporal(call, operands, 1);
                return node(
                        call,
                        operands,
                        TimeKernels.dateTrunc(TimeKernels.Unit.parse(constant(call, 0)), type));
            case DATE_PART:
                arity(call, 2, 2);
                temporal(call, operands, 1);
                if (!Vectors.isNumeric(type.kind())) {
                    throw unsupported(call, "returns a number, not " + type.kind());
                }
                return node(
                        call,
                        operands,
                        TimeKernels.datePart(TimeKernels.Unit.parse(constant(call, 0)), type));
            case TO_TIMESTAMP:
                arity(call, 1, 1);
                timestampResult(call);
                if (Vectors.isNumeric(operands.get(0).type.kind())) {
                    return node(call, operands, TimeKernels.toTimestampFromSeconds(type));
                }
                text(call, operands, 0);
                return node(call, operands, TimeKernels.toTimestampFromText(type));
            case EPOCH_MS:
                arity(call, 1, 1);
                if (Vectors.isIntegral(operands.get(0).type.kind())) {
                    timestampResult(call);
                    return node(call, operands, TimeKernels.fromEpochMillis(type));
                }
                temporal(call, operands, 0);
                requireType(call, type, TypeKind.BIGINT);
                return node(call, operands, TimeKernels.epochMillis(type));
            case NOW:
                arity(call, 0, 0);
                timestampResult(call);
                return node(call, operands, TimeKernels.now(type));
            case JSON_GET_STR:
                return json(call, operands, JsonKernels.Result.STRING, TypeKind.TEXT);
            case JSON_GET_INT:
                return json(call, operands, JsonKernels.Result.INT, TypeKind.BIGINT);
            case JSON_GET_FLOAT:
                return json(call, operands, JsonKernels.Result.FLOAT, TypeKind.DOUBLE);
            case JSON_GET_BOOL:
                return json(call, operands, JsonKernels.Result.BOOL, TypeKind.BOOLEAN);
            case JSON_GET_JSON:
                return json(call, operands, JsonKernels.Result.JSON, TypeKind.JSON);
            case JSON_CONTAINS:
                return json(call, operands, JsonKernels.Result.CONTAINS, TypeKind.BOOLEAN);
            case JSON_LENGTH:
                return json(call, operands, JsonKernels.Result.LENGTH, TypeKind.BIGINT);
            case EXTRACT_JSON:
                return jsonPath(call, operands, JsonKernels.Result.ARRAY_OF_MATCHES);
            case EXTRACT_JSON_STRING:
                return jsonPath(call, operands, JsonKernels.Result.STRING);
            case GET_FIRST_JSON_OBJECT:
                return jsonPath(call, operands, JsonKernels.Result.JSON);
            default:
                return null;
        }
    }

    /** The {@code json_get_*(json, key...)} family: constant keys, text or integer. */
    private ExprNode json(
            Call call, List<ExprNode> operands, JsonKernels.Result result, TypeKind resultKind) {
        if (operands.isEmpty()) {
            throw unsupported(call, "needs a JSON operand");
        }
        text(call, operands, 0);
        if (call.type().kind() != resultKind
                && !(Vectors.isText(resultKind) && Vectors.isText(call.type().kind()))) {
            throw unsupported(call, "returns " + resultKind + ", not " + call.type().kind());
        }
        List<Object> steps = new ArrayList<>();
        for (int i = 1; i < operands.size(); i++) {
            Expr operand = call.operands().get(i);
            if (!(operand instanceof Literal literal) || literal.isNull()) {
                throw unsupported(call, "needs constant, non-NULL keys");
            }
            if (Vectors.isIntegral(literal.type().kind())) {
                steps.add(Integer.parseInt(literal.value().trim()));
            } else if (Vectors.isText(literal.type().kind())) {
                steps.add(literal.value());
            } else {
                throw unsupported(call, "keys must be text or integers");
            }
        }
        return node(
                call, keepFirst(operands, 1), JsonKernels.lookup(JsonPath.ofSteps(steps), result));
    }

    /** The JSONPath functions: {@code f(json, '$.path')}. */
    private ExprNode jsonPath(Call call, List<ExprNode> operands, JsonKernels.Result result) {
        arity(call, 2, 2);
        text(call, operands, 0);
        JsonPath path = JsonPath.parse(constant(call, 1));
        return node(call, keepFirst(operands, 1), JsonKernels.lookup(path, result));
    }

    private ExprNode node(Call call, List<ExprNode> operands, Kernel kernel) {
        return new FunctionNode(
                call.operator().name().toLowerCase(Locale.ROOT),
                operands,
                kernel,
                call.type(),
                allocator);
    }

    /**
     * Closes the constant operands after the first {@code keep} and returns the rest. The caller
     * must not close the dropped nodes again: they are removed from {@code operands}.
     */
    private static List<ExprNode> keepFirst(List<ExprNode> operands, int keep) {
        while (operands.size() > keep) {
            operands.remove(operands.size() - 1).close();
        }
        return operands;
    }

    private Pattern pattern(Call call, int patternIndex, int flagsIndex) {
        String flags = flagsIndex < 0 ? "" : constant(call, flagsIndex);
        return StringKernels.compilePattern(constant(call, patternIndex), flags);
    }

    private static String constant(Call call, int index) {
        Expr operand = call.operands().get(index);
        if (!(operand instanceof Literal literal) || literal.isNull()) {
            throw unsupported(call, "needs a constant, non-NULL argument " + (index + 1));
        }
        return literal.value();
    }

    /** Casts operand {@code index} to TEXT unless it already is text. */
    private void asText(List<ExprNode> operands, int index) {
        ExprNode operand = operands.get(index);
        if (!Vectors.isText(operand.type.kind())) {
            operands.set(index, CastNode.create(operand, SqlType.of(TypeKind.TEXT), allocator));
        }
    }

    private static void arity(Call call, int min, int max) {
        int size = call.operands().size();
        if (size < min || size > max) {
            throw unsupported(
                    call,
                    min == max
                            ? "takes " + min + " operand(s)"
                            : "takes " + min + " to " + max + " operands");
        }
    }

    private static void text(Call call, List<ExprNode> operands, int index) {
        TypeKind kind = operands.get(index).type.kind();
        if (!Vectors.isText(kind)) {
            throw unsupported(call, "needs a TEXT operand, not " + kind);
        }
    }

    private static void integral(Call call, List<ExprNode> operands, int index) {
        TypeKind kind = operands.get(index).type.kind();
        if (!Vectors.isIntegral(kind)) {
            throw unsupported(call, "needs an integer operand, not " + kind);
        }
    }

    private static void temporal(Call call, List<ExprNode> operands, int index) {
        TypeKind kind = operands.get(index).type.kind();
        if (!Vectors.isTemporal(kind)) {
            throw unsupported(call, "needs a date, time or timestamp operand, not " + kind);
        }
    }

    private static void timestampResult(Call call) {
        TypeKind kind = call.type().kind();
        if (kind != TypeKind.TIMESTAMP && kind != TypeKind.TIMESTAMPTZ) {
            throw unsupported(call, "returns a timestamp, not " + kind);
        }
    }

    private static void requireType(Call call, SqlType type, TypeKind kind) {
        if (type.kind() != kind && !(Vectors.isText(kind) && Vectors.isText(type.kind()))) {
            throw unsupported(call, "returns " + kind + ", not " + type.kind());
        }
    }

    private static io.sluice.executor.error.SluiceException unsupported(Call call, String message) {
        return Vectors.unsupported(call.operator().name().toLowerCase(Locale.ROOT) + " " + message);
    }
}
