package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code = <> < <= > >=} over two columns of one comparable family. The operator becomes a
 * three-bit mask indexed by the sign of the comparison, so one loop serves all six.
 */
final class ComparisonNode extends ExprNode {
    private enum Family {
        LONG,
        DOUBLE,
        BYTES
    }

    private final ExprNode left;
    private final ExprNode right;
    private final Family family;
    private final int mask;
    private final BitVector out;
    private long[] leftLongs = new long[0];
    private long[] rightLongs = new long[0];
    private double[] leftDoubles = new double[0];
    private double[] rightDoubles = new double[0];
    private boolean[] leftNulls = new boolean[0];
    private boolean[] rightNulls = new boolean[0];

    ComparisonNode(
            Operator operator,
            ExprNode left,
            ExprNode right,
            SqlType type,
            BufferAllocator allocator) {
        super(type);
        this.left = left;
        this.right = right;
        this.family = family(left.type.kind(), right.type.kind(), operator);
        this.mask = mask(operator);
        this.out =
                (BitVector)
                        SqlType.of(TypeKind.BOOLEAN).toArrowField("cmp").createVector(allocator);
    }

    private static Family family(TypeKind left, TypeKind right, Operator operator) {
        if (Vectors.isIntegral(left) && Vectors.isIntegral(right)) {
            return Family.LONG;
        }
        if (Vectors.isNumeric(left) && Vectors.isNumeric(right)) {
            return Family.DOUBLE;
        }
        if (left == TypeKind.BOOLEAN && right == TypeKind.BOOLEAN) {
            return Family.LONG;
        }
        boolean leftTimestamp = left == TypeKind.TIMESTAMP || left == TypeKind.TIMESTAMPTZ;
        boolean rightTimestamp = right == TypeKind.TIMESTAMP || right == TypeKind.TIMESTAMPTZ;
        if ((leftTimestamp && rightTimestamp) || (Vectors.isTemporal(left) && left == right)) {
            return Family.LONG;
        }
        if ((Vectors.isText(left) && Vectors.isText(right))
                || (left == TypeKind.BYTEA && right == TypeKind.BYTEA)) {
            return Family.BYTES;
        }
        throw Vectors.unsupported(
                "operator " + operator + " is not supported between " + left + " and " + right);
    }

    /** Bit 0: result when left < right; bit 1: when equal; bit 2: when greater. */
    private static int mask(Operator operator) {
        switch (operator) {
            case EQUALS:
                return 0b010;
            case NOT_EQUALS:
                return 0b101;
            case LESS_THAN:
                return 0b001;
            case LESS_THAN_OR_EQUAL:
                return 0b011;
            case GREATER_THAN:
                return 0b100;
            case GREATER_THAN_OR_EQUAL:
                return 0b110;
            default:
                throw new IllegalArgumentException("not a comparison: " + operator);
        }
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        ValueView l = left.evaluate(input, rows, count);
        ValueView r = right.evaluate(input, rows, count);
        Vectors.prepare(out, count);
        switch (family) {
            case LONG:
                compareLongs(l, r, count);
                break;
            case DOUBLE:
                compareDoubles(l, r, count);
                break;
            case BYTES:
                compareBytes(l, r, count);
                break;
            default:
                throw new IllegalStateException("unknown family " + family);
        }
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    private void compareLongs(ValueView l, ValueView r, int count) {
        leftLongs = Vectors.grow(leftLongs, count);
        rightLongs = Vectors.grow(rightLongs, count);
        leftNulls = Vectors.grow(leftNulls, count);
        rightNulls = Vectors.grow(rightNulls, count);
        Vectors.readLongs(l, count, leftLongs, leftNulls);
        Vectors.readLongs(r, count, rightLongs, rightNulls);
        for (int i = 0; i < count; i++) {
            if (!leftNulls[i] && !rightNulls[i]) {
                out.set(i, (mask >> (Long.compare(leftLongs[i], rightLongs[i]) + 1)) & 1);
            }
        }
    }

    private void compareDoubles(ValueView l, ValueView r, int count) {
        leftDoubles = Vectors.grow(leftDoubles, count);
        rightDoubles = Vectors.grow(rightDoubles, count);
        leftNulls = Vectors.grow(leftNulls, count);
        rightNulls = Vectors.grow(rightNulls, count);
        Vectors.readDoubles(l, count, leftDoubles, leftNulls);
        Vectors.readDoubles(r, count, rightDoubles, rightNulls);
        for (int i = 0; i < count; i++) {
            if (!leftNulls[i] && !rightNulls[i]) {
                int sign = Integer.signum(Double.compare(leftDoubles[i], rightDoubles[i]));
                out.set(i, (mask >> (sign + 1)) & 1);
            }
        }
    }

    /** Unsigned byte-wise comparison of UTF-8 text orders by code point, without decoding. */
    private void compareBytes(ValueView l, ValueView r, int count) {
        BaseVariableWidthVector lv = (BaseVariableWidthVector) l.vector;
        BaseVariableWidthVector rv = (BaseVariableWidthVector) r.vector;
        ArrowBuf lOffsets = lv.getOffsetBuffer();
        ArrowBuf rOffsets = rv.getOffsetBuffer();
        ArrowBuf lData = lv.getDataBuffer();
        ArrowBuf rData = rv.getDataBuffer();
        for (int i = 0; i < count; i++) {
            int lp = l.position(i);
            int rp = r.position(i);
            if (lv.isNull(lp) || rv.isNull(rp)) {
                continue;
            }
            long lStart = lOffsets.getInt((long) lp * 4);
            long lEnd = lOffsets.getInt((long) (lp + 1) * 4);
            long rStart = rOffsets.getInt((long) rp * 4);
            long rEnd = rOffsets.getInt((long) (rp + 1) * 4);
            int sign =
                    Integer.signum(
                            ByteFunctionHelpers.compare(lData, lStart, lEnd, rData, rStart, rEnd));
            out.set(i, (mask >> (sign + 1)) & 1);
        }
    }

    @Override
    public void close() {
        out.close();
        left.close();
        right.close();
    }
}
