package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A constant held in a one-row vector and read through an all-zero position array. */
final class LiteralNode extends ExprNode {
    private final FieldVector value;
    private int[] zeros = new int[0];

    LiteralNode(Literal literal, BufferAllocator allocator) {
        super(literal.type());
        this.value = literal.type().toArrowField("literal").createVector(allocator);
        try {
            fill(literal);
        } catch (RuntimeException e) {
            value.close();
            throw e;
        }
    }

    private void fill(Literal literal) {
        value.setInitialCapacity(1);
        value.allocateNew();
        String text = literal.value();
        if (text != null) {
            try {
                set(text);
            } catch (NumberFormatException | SluiceException e) {
                throw new SluiceException(
                        ErrorCode.INVALID_TEXT_REPRESENTATION,
                        "invalid " + type.sqlName() + " literal: \"" + text + "\"",
                        e);
            }
        }
        value.setValueCount(1);
    }

    private void set(String text) {
        switch (type.kind()) {
            case BOOLEAN:
                ((BitVector) value).set(0, Casts.parseBoolean(text) ? 1 : 0);
                break;
            case SMALLINT:
                ((SmallIntVector) value).set(0, Short.parseShort(text.trim()));
                break;
            case INTEGER:
                ((IntVector) value).set(0, Integer.parseInt(text.trim()));
                break;
            case BIGINT:
                ((BigIntVector) value).set(0, Long.parseLong(text.trim()));
                break;
            case REAL:
                ((Float4Vector) value).set(0, Float.parseFloat(text.trim()));
                break;
            case DOUBLE:
                ((Float8Vector) value).set(0, Double.parseDouble(text.trim()));
                break;
            case DECIMAL:
                ((DecimalVector) value).set(0, new BigDecimal(text.trim()).setScale(type.scale()));
                break;
            case TEXT:
            case JSON:
            case UUID:
                ((VarCharVector) value).setSafe(0, text.getBytes(UTF_8));
                break;
            case BYTEA:
                ((VarBinaryVector) value).setSafe(0, Casts.parseHex(text));
                break;
            case DATE:
                ((DateDayVector) value).set(0, (int) Casts.parseDateLiteral(text));
                break;
            case TIME:
                ((TimeMicroVector) value).set(0, Long.parseLong(text.trim()));
                break;
            case TIMESTAMP:
            case TIMESTAMPTZ:
                ((TimeStampVector) value)
                        .getDataBuffer()
                        .setLong(0, Casts.parseMicrosLiteral(text));
                ((TimeStampVector) value).setIndexDefined(0);
                break;
            default:
                throw Vectors.unsupported("literals of type " + type.sqlName());
        }
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        if (zeros.length < count) {
            zeros = new int[Math.max(count, zeros.length * 2)];
            Arrays.fill(zeros, 0);
        }
        return new ValueView(value, zeros);
    }

    @Override
    public void close() {
        value.close();
    }
}
