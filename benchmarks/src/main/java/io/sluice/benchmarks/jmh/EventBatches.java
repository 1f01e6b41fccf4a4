package io.sluice.benchmarks.jmh;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.benchmarks.sluice.ArticlePipeline;
import io.sluice.clients.LoadGenerator;
import io.sluice.executor.plan.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Batches of the benchmark workload's events already decoded into the source table's vectors, so
 * that a micro-benchmark measures the operator after the decoder and nothing else. Built with a
 * tree parser once, outside the measured code.
 */
final class EventBatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBatches() {}

    /**
     * {@code rows} events of the workload (seed 42) in a batch of {@link ArticlePipeline#EVENTS}.
     */
    static VectorSchemaRoot decoded(BufferAllocator allocator, int rows) {
        VectorSchemaRoot root =
                VectorSchemaRoot.create(ArticlePipeline.EVENTS.toArrowSchema(), allocator);
        root.allocateNew();
        LoadGenerator generator = new LoadGenerator(42);
        for (int row = 0; row < rows; row++) {
            JsonNode event;
            try {
                event = JSON.readTree(generator.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < ArticlePipeline.EVENTS.size(); i++) {
                Column column = ArticlePipeline.EVENTS.column(i);
                FieldVector vector = root.getVector(i);
                JsonNode value = event.get(column.name());
                if (vector instanceof TimeStampVector timestamps) {
                    Instant instant = Instant.parse(value.asText());
                    timestamps.setSafe(row, ChronoUnit.MICROS.between(Instant.EPOCH, instant));
                } else if (vector instanceof VarCharVector text) {
                    String content = value.isContainerNode() ? value.toString() : value.asText();
                    text.setSafe(row, content.getBytes(UTF_8));
                } else {
                    throw new IllegalStateException("unexpected vector " + vector);
                }
            }
        }
        root.setRowCount(rows);
        return root;
    }
}
