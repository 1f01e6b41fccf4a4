package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.US_ASCII;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * JSON functions over UTF-8 bytes with {@link JsonScanner}: no tree and no Java strings are built.
 * A NULL document gives NULL; a document that is not valid JSON, or lacks the path, gives NULL
 * ({@code json_contains}: false, {@code extract_json}: an empty array).
 */
final class JsonKernels {
    private static final byte[] TRUE = "true".getBytes(US_ASCII);
    private static final byte[] FALSE = "false".getBytes(US_ASCII);

    private JsonKernels() {}

    /** What a path lookup returns. */
    enum Result {
        STRING,
        INT,
        FLOAT,
        BOOL,
        JSON,
        CONTAINS,
        LENGTH,
        ARRAY_OF_MATCHES
    }

    static Kernel lookup(JsonPath path, Result result) {
        TextReader reader = new TextReader();
        Navigator navigator = new Navigator();
        return (operands, count, out) -> {
            for (int i = 0; i < count; i++) {
                if (!reader.read(operands[0], i)) {
                    continue;
                }
                boolean found = navigator.navigate(reader.bytes, reader.length, path);
                write(navigator, found, result, out, i);
            }
        };
    }

    private static void write(
            Navigator found, boolean isFound, Result result, FieldVector out, int i) {
        if (result == Result.CONTAINS) {
            ((BitVector) out).set(i, isFound ? 1 : 0);
            return;
        }
        if (result == Result.ARRAY_OF_MATCHES) {
            VarCharVector text = (VarCharVector) out;
            if (!isFound) {
                text.setSafe(i, new byte[] {'[', ']'});
                return;
            }
            byte[] array = new byte[found.end - found.start + 2];
            array[0] = '[';
            System.arraycopy(found.doc, found.start, array, 1, found.end - found.start);
            array[array.length - 1] = ']';
            text.setSafe(i, array);
            return;
        }
        if (!isFound) {
            return;
        }
        byte[] doc = found.doc;
        int start = found.start;
        int length = found.end - found.start;
        switch (result) {
            case STRING:
                if (found.kind == JsonScanner.Kind.STRING) {
                    int textLength = found.scanner.unescapeValue();
                    ((VarCharVector) out).setSafe(i, found.scanner.unescapedBytes(), 0, textLength);
                }
                break;
            case JSON:
                ((VarCharVector) out).setSafe(i, doc, start, length);
                break;
            case INT:
                if (found.kind == JsonScanner.Kind.OTHER) {
                    long value = parseLong(doc, start, length);
                    if (value != NOT_A_LONG) {
                        ((BigIntVector) out).set(i, value);
                    }
                }
                break;
            case FLOAT:
                if (found.kind == JsonScanner.Kind.OTHER && isNumberStart(doc[start])) {
                    long value = parseLong(doc, start, length);
                    double number =
                            value != NOT_A_LONG
                                    ? value
                                    : Double.parseDouble(new String(doc, start, length, US_ASCII));
                    ((Float8Vector) out).set(i, number);
                }
                break;
            case BOOL:
                if (found.kind == JsonScanner.Kind.OTHER) {
                    if (equals(doc, start, length, TRUE)) {
                        ((BitVector) out).set(i, 1);
                    } else if (equals(doc, start, length, FALSE)) {
                        ((BitVector) out).set(i, 0);
                    }
                }
                break;
            case LENGTH:
                int children = found.countChildren();
                if (children >= 0) {
                    ((BigIntVector) out).set(i, children);
                }
                break;
            default:
                throw new IllegalStateException("unexpected " + result);
        }
    }

    private static final long NOT_A_LONG = Long.MIN_VALUE;

    /** An integer literal's value, or {@link #NOT_A_LONG} for any other text. */
    private static long parseLong(byte[] bytes, int start, int length) {
        int i = start;
        int end = start + length;
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= end || end - i > 18) {
            return NOT_A_LONG;
        }
        long value = 0;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return NOT_A_LONG;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    private static boolean isNumberStart(byte b) {
        return b == '-' || (b >= '0' && b <= '9');
    }

    private static boolean equals(byte[] bytes, int start, int length, byte[] word) {
        return length == word.length
                && java.util.Arrays.equals(bytes, start, start + length, word, 0, word.length);
    }

    /** Walks a path step by step, copying each intermediate value into scratch buffers. */
    static final class Navigator {
        final JsonScanner scanner = new JsonScanner();
        private byte[] first = new byte[64];
        private byte[] second = new byte[64];
        private byte[] scratch = new byte[64];
        byte[] doc;
        int start;
        int end;
        JsonScanner.Kind kind;

        boolean navigate(byte[] bytes, int length, JsonPath path) {
            if (path.length() == 0) {
                // the whole document: wrapped in an array, the scanner validates and types it
                first = Vectors.grow(first, length + 2);
                first[0] = '[';
                System.arraycopy(bytes, 0, first, 1, length);
                first[length + 1] = ']';
                return step(first, length + 2, null, 0, true);
            }
            byte[] current = bytes;
            int currentLength = length;
            boolean useFirst = true;
            for (int s = 0; s < path.length(); s++) {
                boolean last = s == path.length() - 1;
                if (!step(current, currentLength, path.keys[s], path.indexes[s], last)) {
                    return false;
                }
                if (last) {
                    return true;
                }
                int valueLength = scanner.valueEnd - scanner.valueStart;
                byte[] target = Vectors.grow(useFirst ? first : second, valueLength);
                System.arraycopy(current, scanner.valueStart, target, 0, valueLength);
                if (useFirst) {
                    first = target;
                } else {
                    second = target;
                }
                current = target;
                currentLength = valueLength;
                useFirst = !useFirst;
            }
            return false;
        }

        private boolean step(byte[] bytes, int length, byte[] key, int index, boolean last) {
            boolean found =
                    key != null
                            ? scanner.findMember(bytes, length, key)
                            : scanner.findElement(bytes, length, index);
            if (found && last) {
                doc = bytes;
                start = scanner.valueStart;
                end = scanner.valueEnd;
                kind = scanner.valueKind;
            }
            return found;
        }

        /** Children of the value found last, -1 when it is not an object or array. */
        int countChildren() {
            int length = end - start;
            scratch = Vectors.grow(scratch, length);
            System.arraycopy(doc, start, scratch, 0, length);
            return scanner.countChildren(scratch, length);
        }
    }
}
