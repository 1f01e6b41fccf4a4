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

    /**
     * Checks that the external system the options point at can be reached and accepts the
     * credentials: what {@code VALIDATE CONNECTION PROFILE} runs.
     *
     * @param options connection options (a profile's, possibly with a table's such as a topic)
     * @return what was checked, for the user
     * @throws io.sluice.executor.error.SluiceException naming what is wrong
     */
    default String validateConnection(java.util.Map<String, String> options) {
        throw new io.sluice.executor.error.SluiceException(
                io.sluice.executor.error.ErrorCode.FEATURE_NOT_SUPPORTED,
                "connector " + name() + " cannot validate a connection");
    }
}
