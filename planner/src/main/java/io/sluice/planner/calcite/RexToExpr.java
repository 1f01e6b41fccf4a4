package io.sluice.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.planner.type.TypeMapping;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite row expressions into the executor's expression IR. Anything the executor
 * cannot evaluate is rejected here, at planning time, naming the function.
 *
 * <p>Literal values take the IR's canonical text form: DATE as days since the epoch, TIME as
 * microseconds of the day, TIMESTAMP as microseconds since the epoch (UTC), BYTEA as lower-case
 * hex.
 */
public final class RexToExpr {
    private final RexBuilder rexBuilder;

    public RexToExpr(RexBuilder rexBuilder) {
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
    }

    /**
     * Translates {@code node}, which must not contain local references, and compiles the result
     * once, so that what the executor would refuse (a bad pattern, unit or JSON path) fails now
     * rather than when the pipeline starts.
     */
    public Expr translate(RexNode node) {
        Expr expr = translateNode(node);
        ExprCheck.check(expr);
        return expr;
    }

    private Expr translateNode(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return new InputRef(ref.getIndex(), type(ref));
        }
        if (node instanceof RexLiteral literal) {
            return literal(literal);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw unsupported("expression " + node);
    }

    private Expr call(RexCall call) {
        if (call.getKind() == SqlKind.SEARCH) {
            return translateNode(RexUtil.expandSearch(rexBuilder, null, call));
        }
        SqlOperator operator = call.getOperator();
        if (operator == PlannerOperators.JSON_GET_TEXT) {
            return newCall(Operator.JSON_GET_TEXT, call);
        }
        if (operator == PlannerOperators.JSON_GET) {
            return newCall(Operator.JSON_GET, call);
        }
        switch (call.getKind()) {
            case EQUALS:
                return newCall(Operator.EQUALS, call);
            case NOT_EQUALS:
                return newCall(Operator.NOT_EQUALS, call);
            case LESS_THAN:
                return newCall(Operator.LESS_THAN, call);
            case LESS_THAN_OR_EQUAL:
                return newCall(Operator.LESS_THAN_OR_EQUAL, call);
            case GREATER_THAN:
                return newCall(Operator.GREATER_THAN, call);
            case GREATER_THAN_OR_EQUAL:
                return newCall(Operator.GREATER_THAN_OR_EQUAL, call);
            case AND:
                return newCall(Operator.AND, call);
            case OR:
                return newCall(Operator.OR, call);
            case NOT:
                return newCall(Operator.NOT, call);
            case IS_NULL:
                return newCall(Operator.IS_NULL, call);
            case IS_NOT_NULL:
                return newCall(Operator.IS_NOT_NULL, call);
            case CAST:
                return newCall(Operator.CAST, call);
            case PLUS:
                return intervalArithmetic(Operator.PLUS, call);
            case MINUS:
                return intervalArithmetic(Operator.MINUS, call);
            case TIMES:
                return newCall(Operator.TIMES, call);
            case DIVIDE:
                return newCall(Operator.DIVIDE, call);
            case COALESCE:
                return newCall(Operator.COALESCE, call);
            case CASE:
                return newCall(Operator.CASE, call);
            case LIKE:
                if (call.getOperands().size() == 2) {
                    boolean ilike = call.getOperator().getName().equals("ILIKE");
                    boolean negated = call.getOperator().getName().startsWith("NOT ");
                    if (negated) {
                        Call like =
                                newCall(
                                        call.getOperator().getName().equals("NOT ILIKE")
                                                ? Operator.ILIKE
                                                : Operator.LIKE,
                                        call);
                        return new Call(Operator.NOT, List.of(like), like.type());
                    }
                    return newCall(ilike ? Operator.ILIKE : Operator.LIKE, call);
                }
                break;
            case EXTRACT:
                return unitCall(Operator.DATE_PART, call);
            case IS_TRUE:
                return coalesce(translateNode(call.getOperands().get(0)), false);
            case IS_NOT_FALSE:
                return coalesce(translateNode(call.getOperands().get(0)), true);
            case IS_NOT_TRUE:
                return not(coalesce(translateNode(call.getOperands().get(0)), false));
            case IS_FALSE:
                return coalesce(not(translateNode(call.getOperands().get(0))), false);
            case IS_DISTINCT_FROM:
                return distinct(call, false);
            case IS_NOT_DISTINCT_FROM:
                return distinct(call, true);
            case NULLIF:
                {
                    // NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END
                    Expr value = translateNode(call.getOperands().get(0));
                    Expr other = translateNode(call.getOperands().get(1));
                    SqlType type = type(call);
                    return new Call(
                            Operator.CASE,
                            List.of(
                                    new Call(
                                            Operator.EQUALS,
                                            List.of(value, other),
                                            SqlType.of(TypeKind.BOOLEAN)),
                                    new Literal(null, type),
                                    value),
                            type);
                }
            case TRIM:
                return trim(call);
            case MINUS_PREFIX:
                {
                    Expr operand = translateNode(call.getOperands().get(0));
                    SqlType type = type(call);
                    return new Call(
                            Operator.MINUS,
                            List.of(new Literal("0", type.withNullable(false)), operand),
                            type);
                }
            default:
                break;
        }
        Operator function = SluiceFunctions.operatorOf(operator);
        if (function != null) {
            if ((function == Operator.BTRIM
                            || function == Operator.LTRIM
                            || function == Operator.RTRIM)
                    && call.getOperands().size() == 1) {
                return new Call(
                        function,
                        List.of(translateNode(call.getOperands().get(0)), spaces()),
                        type(call));
            }
            return newCall(function, call);
        }
        if (operator == SqlStdOperatorTable.SUBSTRING) {
            return newCall(Operator.SUBSTRING, call);
        }
        if (operator == SqlStdOperatorTable.CHAR_LENGTH
                || operator == SqlStdOperatorTable.CHARACTER_LENGTH) {
            return newCall(Operator.CHAR_LENGTH, call);
        }
        if (operator == SqlStdOperatorTable.CONCAT) {
            return newCall(Operator.CONCAT, call);
        }
        if (operator == SqlStdOperatorTable.REPLACE) {
            return newCall(Operator.REPLACE, call);
        }
        if (operator == SqlStdOperatorTable.CURRENT_TIMESTAMP
                || operator == SqlStdOperatorTable.LOCALTIMESTAMP) {
            return newCall(Operator.NOW, call);
        }
        if (operator == SqlStdOperatorTable.UPPER) {
            return newCall(Operator.UPPER, call);
        }
        if (operator == SqlStdOperatorTable.LOWER) {
            return newCall(Operator.LOWER, call);
        }
        throw unsupported("function " + operator.getName());
    }

    private static final SqlType BOOLEAN = SqlType.of(TypeKind.BOOLEAN).withNullable(false);

    private static Expr coalesce(Expr value, boolean otherwise) {
        return new Call(
                Operator.COALESCE,
                List.of(value, new Literal(String.valueOf(otherwise), BOOLEAN)),
                BOOLEAN);
    }

    private static Expr not(Expr value) {
        return new Call(Operator.NOT, List.of(value), value.type());
    }

    /**
     * {@code a IS [NOT] DISTINCT FROM b}: CASE WHEN a IS NULL THEN b IS [NOT] NULL WHEN b IS NULL
     * THEN [NOT] TRUE ELSE a [=|<>] b END, which is never NULL.
     */
    private Expr distinct(RexCall call, boolean negated) {
        Expr a = translateNode(call.getOperands().get(0));
        Expr b = translateNode(call.getOperands().get(1));
        return new Call(
                Operator.CASE,
                List.of(
                        new Call(Operator.IS_NULL, List.of(a), BOOLEAN),
                        new Call(
                                negated ? Operator.IS_NULL : Operator.IS_NOT_NULL,
                                List.of(b),
                                BOOLEAN),
                        new Call(Operator.IS_NULL, List.of(b), BOOLEAN),
                        new Literal(String.valueOf(!negated), BOOLEAN),
                        new Call(
                                negated ? Operator.EQUALS : Operator.NOT_EQUALS,
                                List.of(a, b),
                                SqlType.of(TypeKind.BOOLEAN))),
                BOOLEAN);
    }

    private static Literal spaces() {
        return new Literal(" ", SqlType.of(TypeKind.TEXT).withNullable(false));
    }

    /** {@code TRIM([BOTH|LEADING|TRAILING] chars FROM text)}. */
    private Expr trim(RexCall call) {
        List<RexNode> operands = call.getOperands();
        Object flag = ((RexLiteral) operands.get(0)).getValue();
        Operator operator =
                flag == SqlTrimFunction.Flag.LEADING
                        ? Operator.LTRIM
                        : flag == SqlTrimFunction.Flag.TRAILING ? Operator.RTRIM : Operator.BTRIM;
        return new Call(
                operator,
                List.of(translateNode(operands.get(2)), translateNode(operands.get(1))),
                type(call));
    }

    /** {@code EXTRACT(unit FROM t)}: the unit becomes a text constant. */
    private Expr unitCall(Operator operator, RexCall call) {
        Object unit = ((RexLiteral) call.getOperands().get(0)).getValue();
        String name =
                unit instanceof TimeUnitRange range ? range.startUnit.name() : String.valueOf(unit);
        return new Call(
                operator,
                List.of(
                        new Literal(
                                name.toLowerCase(Locale.ROOT),
                                SqlType.of(TypeKind.TEXT).withNullable(false)),
                        translateNode(call.getOperands().get(1))),
                type(call));
    }

    /**
     * {@code +} and {@code -}; a constant day-to-second interval added to or subtracted from a
     * timestamp becomes microseconds, so the executor only shifts longs.
     */
    private Expr intervalArithmetic(Operator operator, RexCall call) {
        List<RexNode> operands = call.getOperands();
        boolean hasInterval = false;
        for (RexNode operand : operands) {
            hasInterval |= SqlTypeName.INTERVAL_TYPES.contains(operand.getType().getSqlTypeName());
        }
        if (!hasInterval) {
            return newCall(operator, call);
        }
        List<Expr> translated = new ArrayList<>();
        for (RexNode operand : operands) {
            SqlTypeName typeName = operand.getType().getSqlTypeName();
            if (!SqlTypeName.INTERVAL_TYPES.contains(typeName)) {
                translated.add(translateNode(operand));
                continue;
            }
            if (!(operand instanceof RexLiteral literal)) {
                throw unsupported("interval arithmetic with a non-constant interval");
            }
            if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(typeName)) {
                throw unsupported("year and month interval arithmetic");
            }
            BigDecimal millis = requireNonNull(literal.getValueAs(BigDecimal.class));
            translated.add(
                    new Literal(
                            millis.multiply(BigDecimal.valueOf(1000)).toBigInteger().toString(),
                            SqlType.of(TypeKind.BIGINT).withNullable(false)));
        }
        return new Call(operator, translated, type(call));
    }

    private Call newCall(Operator operator, RexCall call) {
        List<Expr> operands = new ArrayList<>(call.getOperands().size());
        for (RexNode operand : call.getOperands()) {
            operands.add(translateNode(operand));
        }
        return new Call(operator, operands, type(call));
    }

    private static Expr literal(RexLiteral literal) {
        SqlType type = type(literal);
        if (literal.isNull()) {
            return new Literal(null, type);
        }
        String value;
        switch (literal.getType().getSqlTypeName()) {
            case BOOLEAN:
                value = String.valueOf(literal.getValueAs(Boolean.class));
                break;
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case DECIMAL:
            case REAL:
            case FLOAT:
            case DOUBLE:
                value = requireNonNull(literal.getValueAs(BigDecimal.class)).toPlainString();
                break;
            case CHAR:
            case VARCHAR:
                value = literal.getValueAs(String.class);
                break;
            case DATE:
                value =
                        String.valueOf(
                                requireNonNull(literal.getValueAs(DateString.class))
                                        .getDaysSinceEpoch());
                break;
            case TIME:
                LocalTime time =
                        LocalTime.parse(
                                requireNonNull(literal.getValueAs(TimeString.class)).toString());
                value = String.valueOf(time.toNanoOfDay() / 1_000);
                break;
            case TIMESTAMP:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                LocalDateTime timestamp =
                        LocalDateTime.parse(
                                requireNonNull(literal.getValueAs(TimestampString.class))
                                        .toString()
                                        .replace(' ', 'T'));
                value =
                        String.valueOf(
                                ChronoUnit.MICROS.between(
                                        LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC),
                                        timestamp));
                break;
            case BINARY:
            case VARBINARY:
                value =
                        requireNonNull(literal.getValueAs(ByteString.class))
                                .toString(16)
                                .toLowerCase(Locale.ROOT);
                break;
            default:
                throw unsupported("literal of type " + literal.getType().getFullTypeString());
        }
        return new Literal(value, type);
    }

    private static SqlType type(RexNode node) {
        return TypeMapping.fromRelDataType(node.getType());
    }

    private static SluiceException unsupported(String what) {
        return new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED, what + " is not supported in pipelines yet");
    }
}
