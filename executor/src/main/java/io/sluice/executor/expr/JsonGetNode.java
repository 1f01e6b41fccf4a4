package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.plan.SqlType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code json -> key} (the member's JSON text) and {@code json ->> key} (the member as text:
 * strings unescaped, JSON null as SQL NULL). An integer key selects an array element. Absent
 * members, non-objects and invalid JSON give NULL.
 */
final class JsonGetNode extends ExprNode {
    private final ExprNode operand;
    private final byte[] key;
    private final int index;
    private final boolean asText;
    private final VarCharVector out;
    private final JsonScanner scanner = new JsonScanner();
    private byte[] buffer = new byte[256];

    JsonGetNode(
            ExprNode operand,
            String key,
            boolean integerKey,
            boolean asText,
            SqlType type,
            BufferAllocator allocator) {
        super(type);
        this.operand = operand;
        this.key = integerKey ? null : key.getBytes(UTF_8);
        this.index = integerKey ? Integer.parseInt(key.trim()) : -1;
        this.asText = asText;
        this.out = (VarCharVector) type.toArrowField("json").createVector(allocator);
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        ValueView view = operand.evaluate(input, rows, count);
        BaseVariableWidthVector json = (BaseVariableWidthVector) view.vector;
        Vectors.prepare(out, count);
        for (int i = 0; i < count; i++) {
            int p = view.position(i);
            if (json.isNull(p)) {
                continue;
            }
            int length = Vectors.end(json, p) - Vectors.start(json, p);
            buffer = Vectors.bytes(json, p, buffer);
            boolean found =
                    key != null
                            ? scanner.findMember(buffer, length, key)
                            : index >= 0 && scanner.findElement(buffer, length, index);
            if (!found) {
                continue;
            }
            if (!asText) {
                out.setSafe(i, buffer, scanner.valueStart, scanner.valueEnd - scanner.valueStart);
            } else if (scanner.valueKind == JsonScanner.Kind.STRING) {
                int textLength = scanner.unescapeValue();
                out.setSafe(i, scanner.unescapedBytes(), 0, textLength);
            } else if (scanner.valueKind == JsonScanner.Kind.OTHER) {
                out.setSafe(i, buffer, scanner.valueStart, scanner.valueEnd - scanner.valueStart);
            }
        }
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    @Override
    public void close() {
        out.close();
        operand.close();
    }
}
