package io.sluice.executor.expr;

import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Reads the UTF-8 bytes of one text value at a time into a reused buffer, so kernels work on bytes
 * without building a Java string per row.
 */
final class TextReader {
    byte[] bytes = new byte[64];
    int length;

    /** Loads value {@code index} of {@code view}; false (and nothing loaded) when it is NULL. */
    boolean read(ValueView view, int index) {
        BaseVariableWidthVector vector = (BaseVariableWidthVector) view.vector;
        int p = view.position(index);
        if (vector.isNull(p)) {
            return false;
        }
        int start = Vectors.start(vector, p);
        length = Vectors.end(vector, p) - start;
        bytes = Vectors.bytes(vector, p, bytes);
        return true;
    }
}
