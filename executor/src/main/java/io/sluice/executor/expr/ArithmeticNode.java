package io.sluice.executor.expr;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.SqlType;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code + - * /} on integers (exact: overflow and division by zero are errors, division truncates)
 * or on floating point (the call's type decides).
 */
final class ArithmeticNode extends ExprNode {
    private final Operator operator;
    private final ExprNode left;
    private final ExprNode right;
    private final boolean integral;
    private final FieldVector out;
    private long[] leftLongs = new long[0];
    private long[] rightLongs = new long[0];
    private double[] leftDoubles = new double[0];
    private double[] rightDoubles = new double[0];
    private boolean[] leftNulls = new boolean[0];
    private boolean[] rightNulls = new boolean[0];

    ArithmeticNode(
            Operator operator,
            ExprNode left,
            ExprNode right,
            SqlType type,
            BufferAllocator allocator) {
        super(type);
        this.operator = operator;
        this.left = left;
        this.right = right;
        // timestamp +/- microseconds: how the planner lowers interval arithmetic
        boolean timestampShift =
                isTimestamp(type.kind())
                        && (operator == Operator.PLUS || operator == Operator.MINUS)
                        && ((isTimestamp(left.type.kind()) && Vectors.isIntegral(right.type.kind()))
                                || (operator == Operator.PLUS
                                        && Vectors.isIntegral(left.type.kind())
                                        && isTimestamp(right.type.kind())));
        this.integral = Vectors.isIntegral(type.kind()) || timestampShift;
        if (!timestampShift
                && (!Vectors.isNumeric(type.kind())
                        || !Vectors.isNumeric(left.type.kind())
                        || !Vectors.isNumeric(right.type.kind())
                        || (integral
                                && !(Vectors.isIntegral(left.type.kind())
                                        && Vectors.isIntegral(right.type.kind()))))) {
            throw Vectors.unsupported(
                    "operator "
                            + operator
                            + " is not supported between "
                            + left.type.kind()
                            + " and "
                            + right.type.kind()
                            + " giving "
                            + type.kind());
        }
        this.out = type.toArrowField("arith").createVector(allocator);
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        ValueView l = left.evaluate(input, rows, count);
        ValueView r = right.evaluate(input, rows, count);
        leftNulls = Vectors.grow(leftNulls, count);
        rightNulls = Vectors.grow(rightNulls, count);
        if (integral) {
            leftLongs = Vectors.grow(leftLongs, count);
            rightLongs = Vectors.grow(rightLongs, count);
            Vectors.readLongs(l, count, leftLongs, leftNulls);
            Vectors.readLongs(r, count, rightLongs, rightNulls);
            computeLongs(count);
            Vectors.writeLongs(out, type, leftLongs, leftNulls, count);
        } else {
            leftDoubles = Vectors.grow(leftDoubles, count);
            rightDoubles = Vectors.grow(rightDoubles, count);
            Vectors.readDoubles(l, count, leftDoubles, leftNulls);
            Vectors.readDoubles(r, count, rightDoubles, rightNulls);
            computeDoubles(count);
            Vectors.writeDoubles(out, leftDoubles, leftNulls, count);
        }
        return new ValueView(out, null);
    }

    /** Results overwrite the left operand's array; nulls merge into the left null array. */
    private void computeLongs(int count) {
        long[] a = leftLongs;
        long[] b = rightLongs;
        boolean[] nulls = leftNulls;
        for (int i = 0; i < count; i++) {
            nulls[i] |= rightNulls[i];
        }
        try {
            switch (operator) {
                case PLUS:
                    for (int i = 0; i < count; i++) {
                        a[i] = Math.addExact(a[i], b[i]);
                    }
                    break;
                case MINUS:
                    for (int i = 0; i < count; i++) {
                        a[i] = Math.subtractExact(a[i], b[i]);
                    }
                    break;
                case TIMES:
                    for (int i = 0; i < count; i++) {
                        a[i] = Math.multiplyExact(a[i], b[i]);
                    }
                    break;
                case DIVIDE:
                    for (int i = 0; i < count; i++) {
                        if (nulls[i]) {
                            continue;
                        }
                        if (b[i] == 0) {
                            throw divisionByZero();
                        }
                        if (a[i] == Long.MIN_VALUE && b[i] == -1) {
                            throw new ArithmeticException("overflow");
                        }
                        a[i] = a[i] / b[i];
                    }
                    break;
                default:
                    throw new IllegalStateException("not arithmetic: " + operator);
            }
        } catch (ArithmeticException e) {
            throw new SluiceException(
                    ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    type.sqlName().toLowerCase(Locale.ROOT) + " out of range");
        }
    }

    private void computeDoubles(int count) {
        double[] a = leftDoubles;
        double[] b = rightDoubles;
        boolean[] nulls = leftNulls;
        for (int i = 0; i < count; i++) {
            nulls[i] |= rightNulls[i];
        }
        switch (operator) {
            case PLUS:
                for (int i = 0; i < count; i++) {
                    a[i] = a[i] + b[i];
                }
                break;
            case MINUS:
                for (int i = 0; i < count; i++) {
                    a[i] = a[i] - b[i];
                }
                break;
            case TIMES:
                for (int i = 0; i < count; i++) {
                    a[i] = a[i] * b[i];
                }
                break;
            case DIVIDE:
                for (int i = 0; i < count; i++) {
                    if (!nulls[i] && b[i] == 0) {
                        throw divisionByZero();
                    }
                    a[i] = a[i] / b[i];
                }
                break;
            default:
                throw new IllegalStateException("not arithmetic: " + operator);
        }
    }

    private static boolean isTimestamp(io.sluice.executor.plan.TypeKind kind) {
        return kind == io.sluice.executor.plan.TypeKind.TIMESTAMP
                || kind == io.sluice.executor.plan.TypeKind.TIMESTAMPTZ;
    }

    private static SluiceException divisionByZero() {
        return new SluiceException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
    }

    @Override
    public void close() {
        out.close();
        left.close();
        right.close();
    }
}
