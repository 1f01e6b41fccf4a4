package io.sluice.executor.spi;

import java.util.List;

/**
 * A connector: found through {@link java.util.ServiceLoader}, so adding one touches only the module
 * that implements it.
 */
public interface ConnectorFactory {
    /**
     * The value of the {@code connector} table option that selects this connector, e.g. {@code
     * kafka}.
     */
    String name();

    /** The options this connector accepts. Unknown options are rejected by {@link TableOptions}. */
    List<OptionSpec> options();

    /** The roles a table of this connector may take. */
    List<TableRole> roles();

    /** Creates a source reading one table. Called once per subtask when a pipeline starts. */
    default Source createSource(SourceContext context) {
        throw new UnsupportedOperationException(name() + " cannot be read by a pipeline");
    }

    /** Creates a sink writing one table. Called once per subtask when a pipeline starts. */
    default Sink createSink(SinkContext context) {
        throw new UnsupportedOperationException(name() + " cannot be written by a pipeline");
    }
}
