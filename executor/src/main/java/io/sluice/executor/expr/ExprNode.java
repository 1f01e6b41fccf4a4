package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A compiled expression node. Each call evaluates a whole run of rows in one loop; the tree is
 * walked once per batch, never once per row.
 */
abstract class ExprNode implements AutoCloseable {
    final SqlType type;

    ExprNode(SqlType type) {
        this.type = type;
    }

    /**
     * Evaluates the rows {@code rows[0..count)} of {@code input} (rows {@code 0..count} when {@code
     * rows} is null). The view stays valid until the next call on this node.
     */
    abstract ValueView evaluate(VectorSchemaRoot input, int[] rows, int count);

    @Override
    public void close() {}
}
