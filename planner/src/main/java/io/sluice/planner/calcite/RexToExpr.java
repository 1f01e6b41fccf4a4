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
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
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

    /** Translates {@code node}, which must not contain local references. */
    public Expr translate(RexNode node) {
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
            return translate(RexUtil.expandSearch(rexBuilder, null, call));
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
                return newCall(Operator.PLUS, call);
            case MINUS:
                return newCall(Operator.MINUS, call);
            case TIMES:
                return newCall(Operator.TIMES, call);
            case DIVIDE:
                return newCall(Operator.DIVIDE, call);
            case COALESCE:
                return newCall(Operator.COALESCE, call);
            case CASE:
                return newCall(Operator.CASE, call);
            case LIKE:
                if (call.getOperands().size() == 2
                        && !call.getOperator().getName().equals("ILIKE")) {
                    return newCall(Operator.LIKE, call);
                }
                break;
            case MINUS_PREFIX:
                {
                    Expr operand = translate(call.getOperands().get(0));
                    SqlType type = type(call);
                    return new Call(
                            Operator.MINUS,
                            List.of(new Literal("0", type.withNullable(false)), operand),
                            type);
                }
            default:
                break;
        }
        if (operator == SqlStdOperatorTable.UPPER) {
            return newCall(Operator.UPPER, call);
        }
        if (operator == SqlStdOperatorTable.LOWER) {
            return newCall(Operator.LOWER, call);
        }
        throw unsupported("function " + operator.getName());
    }

    private Call newCall(Operator operator, RexCall call) {
        List<Expr> operands = new ArrayList<>(call.getOperands().size());
        for (RexNode operand : call.getOperands()) {
            operands.add(translate(operand));
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
