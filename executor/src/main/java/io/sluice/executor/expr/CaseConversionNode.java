package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.plan.SqlType;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** UPPER and LOWER: ASCII text is converted in place on bytes, other text through Unicode rules. */
final class CaseConversionNode extends ExprNode {
    private final ExprNode operand;
    private final boolean upper;
    private final VarCharVector out;
    private byte[] buffer = new byte[256];

    CaseConversionNode(ExprNode operand, boolean upper, SqlType type, BufferAllocator allocator) {
        super(type);
        this.operand = operand;
        this.upper = upper;
        this.out =
                (VarCharVector)
                        type.toArrowField(upper ? "upper" : "lower").createVector(allocator);
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        ValueView view = operand.evaluate(input, rows, count);
        BaseVariableWidthVector text = (BaseVariableWidthVector) view.vector;
        Vectors.prepare(out, count);
        for (int i = 0; i < count; i++) {
            int p = view.position(i);
            if (text.isNull(p)) {
                continue;
            }
            int length = Vectors.end(text, p) - Vectors.start(text, p);
            buffer = Vectors.bytes(text, p, buffer);
            if (convertAscii(buffer, length)) {
                out.setSafe(i, buffer, 0, length);
            } else {
                String value = new String(buffer, 0, length, UTF_8);
                String converted =
                        upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
                out.setSafe(i, converted.getBytes(UTF_8));
            }
        }
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    /** Converts ASCII bytes in place; false (buffer untouched beyond ASCII) when not all ASCII. */
    private boolean convertAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (upper && b >= 'a' && b <= 'z') {
                bytes[i] = (byte) (b - 32);
            } else if (!upper && b >= 'A' && b <= 'Z') {
                bytes[i] = (byte) (b + 32);
            }
        }
        return true;
    }

    @Override
    public void close() {
        out.close();
        operand.close();
    }
}
