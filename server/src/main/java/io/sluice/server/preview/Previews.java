package io.sluice.server.preview;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.runtime.ConnectorRegistry;
import io.sluice.executor.runtime.InMemoryCheckpointStore;
import io.sluice.executor.runtime.PipelineHandle;
import io.sluice.executor.runtime.PipelineRunner;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgResult;
import io.sluice.planner.PipelinePlanner;
import io.sluice.planner.PlanOptions;
import io.sluice.planner.PlannedInsert;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import io.sluice.server.session.PgTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Runs previews: a SELECT over a source table becomes a short-lived pipeline, planned like {@code
 * INSERT INTO … SELECT} but written into an in-process sink whose rows the client reads as they
 * arrive. A preview takes no checkpoints and leaves nothing behind: it starts at the stream's
 * newest record (or its oldest, if asked), and its consumer position is forgotten when it ends.
 */
public final class Previews {
    /** Where a preview starts reading a Kafka source. */
    public enum StartOffset {
        LATEST,
        EARLIEST
    }

    /** How one preview runs. */
    public record Options(Duration timeout, StartOffset start) {
        public Options {
            requireNonNull(timeout, "timeout is null");
            requireNonNull(start, "start is null");
        }
    }

    private static final String SINK_TABLE = "sluice_preview_output";
    private static final String SOURCE_OFFSET_OPTION = "source.offset";
    // Previews never checkpoint in practice: the interval outlasts any preview timeout.
    private static final Duration NO_CHECKPOINTS = Duration.ofDays(365);

    private final PipelinePlanner planner;
    private final ConnectorRegistry connectors;
    private final PreviewSinkFactory sinks = new PreviewSinkFactory();
    private final BufferAllocator allocator;
    private final Map<String, String> environment;
    private final Duration defaultTimeout;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public Previews(
            PipelinePlanner planner,
            ConnectorRegistry connectors,
            BufferAllocator allocator,
            Map<String, String> environment,
            Duration defaultTimeout) {
        this.planner = requireNonNull(planner, "planner is null");
        this.connectors = withPreviewSink(requireNonNull(connectors, "connectors is null"));
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.environment = Map.copyOf(environment);
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
        this.clock = Clock.systemUTC();
    }

    /** The preview timeout of a session that did not set {@code preview_timeout}. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /**
     * Plans and starts a preview of {@code node}, a SELECT over source tables only.
     *
     * @param sql the statement text, for error positions
     * @param endNotice receives a message when the preview ends by its timeout
     * @return rows read lazily; closing them stops the preview
     */
    public PreviewResult start(
            String sql,
            SqlNode node,
            CatalogView catalog,
            Options options,
            Consumer<String> endNotice) {
        PreviewQuery query = PreviewQuery.of(sql, node);
        String name = "preview-" + sequence.incrementAndGet();
        SqlParserPos pos = SqlParserPos.ZERO;
        SqlInsert insert =
                new SqlInsert(
                        pos,
                        SqlNodeList.EMPTY,
                        new SqlIdentifier(SINK_TABLE, pos),
                        query.query(),
                        null);
        PlannedInsert planned =
                planner.planInsert(
                        sql,
                        insert,
                        new WithPreviewSink(catalog),
                        name,
                        new PlanOptions(1, NO_CHECKPOINTS));
        RowSchema schema =
                planned.inferredSinkSchema()
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.INTERNAL_ERROR,
                                                "preview output has no columns"));
        List<PgColumn> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            columns.add(
                    new PgColumn(
                            PreviewQuery.displayName(column.name()), PgTypes.of(column.type())));
        }
        if (query.limit().isPresent() && query.limit().getAsLong() == 0) {
            // Describing a statement asks for no rows: no need to read the stream.
            return new PreviewResult(
                    PgResult.rows(columns, List.<Object[]>of().iterator()), Optional.empty());
        }
        PipelinePlan plan = startingAt(planned.plan(), options.start());
        PreviewBuffer buffer = new PreviewBuffer();
        sinks.register(name, buffer);
        PipelineHandle handle;
        try {
            handle =
                    new PipelineRunner(
                                    connectors,
                                    new InMemoryCheckpointStore(),
                                    allocator,
                                    environment)
                            .start(plan);
        } catch (RuntimeException e) {
            sinks.unregister(name);
            throw e;
        }
        PreviewStream stream =
                new PreviewStream(
                        handle,
                        buffer,
                        () -> sinks.unregister(name),
                        query,
                        options.timeout(),
                        clock,
                        endNotice);
        return new PreviewResult(
                PgResult.rows(columns, stream, stream::close), Optional.of(stream));
    }

    /** The rows of a preview, and the running stream behind them unless it reads nothing. */
    public record PreviewResult(PgResult.Rows rows, Optional<PreviewStream> stream) {
        public PreviewResult {
            requireNonNull(rows, "rows is null");
            requireNonNull(stream, "stream is null");
        }
    }

    /** The plan with its sources starting where a preview starts, whatever the table says. */
    private PipelinePlan startingAt(PipelinePlan plan, StartOffset start) {
        List<OperatorSpec> operators = new ArrayList<>();
        for (OperatorSpec operator : plan.operators()) {
            if (operator instanceof SourceSpec source && acceptsStartOffset(source.connector())) {
                Map<String, String> options = new HashMap<>(source.options());
                options.put(SOURCE_OFFSET_OPTION, start.name().toLowerCase(java.util.Locale.ROOT));
                operators.add(
                        new SourceSpec(
                                source.id(),
                                source.table(),
                                source.connector(),
                                options,
                                source.outputSchema()));
            } else {
                operators.add(operator);
            }
        }
        return PipelinePlan.of(
                plan.pipeline(), plan.parallelism(), plan.checkpointInterval(), operators);
    }

    private boolean acceptsStartOffset(String connector) {
        return connectors.find(connector).stream()
                .flatMap(factory -> factory.options().stream())
                .map(OptionSpec::name)
                .anyMatch(SOURCE_OFFSET_OPTION::equals);
    }

    private ConnectorRegistry withPreviewSink(ConnectorRegistry registry) {
        return new ConnectorRegistry() {
            @Override
            public Optional<ConnectorFactory> find(String name) {
                return PreviewSinkFactory.NAME.equals(name)
                        ? Optional.of(sinks)
                        : registry.find(name);
            }

            @Override
            public List<ConnectorFactory> connectors() {
                return registry.connectors();
            }
        };
    }

    /** The catalog plus the column-less sink a preview's rows are planned into. */
    private record WithPreviewSink(CatalogView catalog) implements CatalogView {
        private static final TableDefinition SINK =
                new TableDefinition(
                        SINK_TABLE,
                        PreviewSinkFactory.NAME,
                        TableKind.SINK,
                        Optional.empty(),
                        List.of(),
                        Map.of());

        @Override
        public Optional<TableDefinition> table(String name) {
            return SINK_TABLE.equals(name) ? Optional.of(SINK) : catalog.table(name);
        }

        @Override
        public Optional<ConnectionProfile> profile(String name) {
            return catalog.profile(name);
        }

        @Override
        public List<TableDefinition> tables() {
            List<TableDefinition> tables = new ArrayList<>(catalog.tables());
            tables.add(SINK);
            return tables;
        }
    }
}
