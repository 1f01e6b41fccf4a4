package io.sluice.executor.expr;

import org.apache.arrow.vector.FieldVector;

/**
 * The body of a function: computes {@code count} results from whole operand columns into {@code
 * out}, which the caller has emptied and sized for {@code count} values.
 */
@FunctionalInterface
interface Kernel {
    void apply(ValueView[] operands, int count, FieldVector out);
}
