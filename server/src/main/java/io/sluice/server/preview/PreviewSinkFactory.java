package io.sluice.server.preview;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.TableRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The in-process sink of preview pipelines: each pipeline's rows go to the {@link PreviewBuffer}
 * registered under the pipeline's name. Not a connector users can name: it is known only to the
 * runner of previews.
 */
final class PreviewSinkFactory implements ConnectorFactory {
    static final String NAME = "sluice_preview";

    private final Map<String, PreviewBuffer> buffers = new ConcurrentHashMap<>();

    void register(String pipeline, PreviewBuffer buffer) {
        buffers.put(requireNonNull(pipeline, "pipeline is null"), buffer);
    }

    void unregister(String pipeline) {
        buffers.remove(pipeline);
    }

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
        PreviewBuffer buffer = buffers.get(context.pipeline());
        if (buffer == null) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR, "preview " + context.pipeline() + " is gone");
        }
        return new PreviewSink(buffer, context.schema());
    }

    private record PreviewSink(PreviewBuffer buffer, RowSchema schema) implements Sink {
        @Override
        public void write(VectorSchemaRoot batch) {
            buffer.put(ArrowRows.copy(batch, schema));
        }

        @Override
        public SinkCheckpoint checkpoint(long epoch, Instant now) {
            // Rows went to the client; there is nothing to recover.
            return SinkCheckpoint.durable();
        }

        @Override
        public void close() {}
    }
}
