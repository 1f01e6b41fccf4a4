package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.SqlType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code text LIKE pattern [ESCAPE e]} with a constant pattern, matched on UTF-8 bytes: {@code _}
 * consumes one whole character, {@code %} any run of them.
 */
final class LikeNode extends ExprNode {
    private static final int ANY_ONE = -1;
    private static final int ANY_MANY = -2;

    private final ExprNode operand;
    private final int[] pattern;
    private final BitVector out;
    private byte[] buffer = new byte[256];

    LikeNode(
            ExprNode operand,
            String pattern,
            String escape,
            SqlType type,
            BufferAllocator allocator) {
        super(type);
        this.operand = operand;
        this.pattern = compile(pattern, escape);
        this.out = (BitVector) type.toArrowField("like").createVector(allocator);
    }

    /** Pattern as a sequence: 0..255 a literal byte, or {@link #ANY_ONE} / {@link #ANY_MANY}. */
    private static int[] compile(String pattern, String escape) {
        if (escape != null && escape.length() > 1) {
            throw new SluiceException(
                    ErrorCode.DATA_EXCEPTION, "invalid escape string: it must be one character");
        }
        int escapeChar = escape == null || escape.isEmpty() ? -1 : escape.charAt(0);
        int[] compiled = new int[pattern.getBytes(UTF_8).length];
        int length = 0;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escapeChar) {
                if (i >= pattern.length()) {
                    throw new SluiceException(
                            ErrorCode.DATA_EXCEPTION,
                            "LIKE pattern must not end with escape character");
                }
                c = pattern.codePointAt(i);
                i += Character.charCount(c);
            } else if (c == '%') {
                if (length == 0 || compiled[length - 1] != ANY_MANY) {
                    compiled[length++] = ANY_MANY;
                }
                continue;
            } else if (c == '_') {
                compiled[length++] = ANY_ONE;
                continue;
            }
            for (byte b : new String(Character.toChars(c)).getBytes(UTF_8)) {
                compiled[length++] = b & 0xFF;
            }
        }
        return java.util.Arrays.copyOf(compiled, length);
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
            out.set(i, matches(buffer, length) ? 1 : 0);
        }
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    /** Wildcard matching that backtracks only to the last {@code %}: linear for most patterns. */
    private boolean matches(byte[] text, int length) {
        int t = 0;
        int p = 0;
        int starPattern = -1;
        int starText = 0;
        while (t < length) {
            if (p < pattern.length && pattern[p] == ANY_ONE) {
                t += characterLength(text[t]);
                p++;
            } else if (p < pattern.length && pattern[p] >= 0 && (text[t] & 0xFF) == pattern[p]) {
                t++;
                p++;
            } else if (p < pattern.length && pattern[p] == ANY_MANY) {
                starPattern = p++;
                starText = t;
            } else if (starPattern >= 0) {
                p = starPattern + 1;
                starText += characterLength(text[starText]);
                t = starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_MANY) {
            p++;
        }
        return p == pattern.length && t == length;
    }

    private static int characterLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0xC0) {
            return 1;
        }
        if (b < 0xE0) {
            return 2;
        }
        if (b < 0xF0) {
            return 3;
        }
        return 4;
    }

    @Override
    public void close() {
        out.close();
        operand.close();
    }
}
