package io.sluice.benchmarks.sluice;

import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.TableRole;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The {@code blackhole} sink of the benchmarks: accepts every batch and keeps nothing, so a run
 * measures reading, decoding, filtering and projecting only.
 */
public final class DiscardConnectorFactory implements ConnectorFactory {
    public static final String NAME = "blackhole";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public List<TableRole> roles() {
        return List.of(TableRole.SINK);
    }

    @Override
    public Sink createSink(SinkContext context) {
        return new Sink() {
            @Override
            public void write(VectorSchemaRoot batch) {}

            @Override
            public SinkCheckpoint checkpoint(long epoch, Instant now) {
                return SinkCheckpoint.durable();
            }

            @Override
            public void close() {}
        };
    }
}
