package io.sluice.executor.runtime;

import static io.sluice.executor.plan.TypeKind.BIGINT;
import static io.sluice.executor.plan.TypeKind.BOOLEAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.testing.Batches;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestPipelineRunner {
    private static final RowSchema SCHEMA = Batches.schema("id", BIGINT);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BufferAllocator allocator;
    private MemoryConnector connector;
    private InMemoryCheckpointStore store;
    private PipelineRunner runner;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        connector = new MemoryConnector();
        store = new InMemoryCheckpointStore();
        connector.store = store;
        runner =
                new PipelineRunner(
                        ConnectorRegistry.of(connector), store, allocator, Map.of("ROWS", "1000"));
    }

    @AfterEach
    void tearDown() {
        // fails the test when a pipeline leaked a buffer
        allocator.close();
    }

    private static PipelinePlan plan(
            int parallelism,
            Duration interval,
            Map<String, String> sourceOptions,
            Map<String, String> sinkOptions) {
        Call even =
                new Call(
                        Operator.EQUALS,
                        List.of(
                                new Call(
                                        Operator.MINUS,
                                        List.of(
                                                new InputRef(0, SqlType.of(BIGINT)),
                                                new Call(
                                                        Operator.TIMES,
                                                        List.of(
                                                                new Call(
                                                                        Operator.DIVIDE,
                                                                        List.of(
                                                                                new InputRef(
                                                                                        0,
                                                                                        SqlType.of(
                                                                                                BIGINT)),
                                                                                new Literal(
                                                                                        "2",
                                                                                        SqlType.of(
                                                                                                BIGINT))),
                                                                        SqlType.of(BIGINT)),
                                                                new Literal(
                                                                        "2", SqlType.of(BIGINT))),
                                                        SqlType.of(BIGINT))),
                                        SqlType.of(BIGINT)),
                                new Literal("0", SqlType.of(BIGINT))),
                        SqlType.of(BOOLEAN));
        Map<String, String> source = new HashMap<>(sourceOptions);
        source.put("connector", "memory");
        return PipelinePlan.of(
                "p1",
                parallelism,
                interval,
                List.of(
                        new SourceSpec("source", "numbers", "memory", source, SCHEMA),
                        new CalcSpec(
                                "keep_all",
                                List.of("source"),
                                Optional.empty(),
                                List.of(new InputRef(0, SqlType.of(BIGINT))),
                                SCHEMA),
                        new CalcSpec(
                                "even",
                                List.of("keep_all"),
                                Optional.of(
                                        new Call(
                                                Operator.OR,
                                                List.of(
                                                        even,
                                                        new Call(
                                                                Operator.NOT,
                                                                List.of(even),
                                                                SqlType.of(BOOLEAN))),
                                                SqlType.of(BOOLEAN))),
                                List.of(new InputRef(0, SqlType.of(BIGINT))),
                                SCHEMA),
                        new SinkSpec(
                                "sink",
                                List.of("even"),
                                "collected",
                                "memory",
                                sinkOptions,
                                SCHEMA)));
    }

    @Test
    void deliversEveryRowAndStoresAFinalCheckpoint() throws Exception {
        PipelineHandle handle =
                runner.start(
                        plan(3, Duration.ofMillis(20), Map.of("rows", "{{ ROWS }}"), Map.of()));

        assertThat(handle.awaitTermination(WAIT)).isTrue();

        assertThat(handle.state()).isEqualTo(PipelineState.STOPPED);
        assertThat(handle.failure()).isEmpty();
        assertThat(connector.written)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1000).boxed().toList());
        assertThat(handle.metrics().rowsRead()).isEqualTo(1000);
        assertThat(handle.metrics().rowsWritten()).isEqualTo(1000);
        CompletedCheckpoint last = store.latest("p1").orElseThrow();
        assertThat(handle.metrics().lastCompletedEpoch()).hasValue(last.epoch());
        assertThat(last.states())
                .containsOnlyKeys("source/0", "source/1", "source/2", "sink/0", "sink/1", "sink/2");
        assertThat(connector.openResources).hasValue(0);
    }

    @Test
    void checkpointsPeriodicallyAndResumesFromTheStoredPosition() throws Exception {
        PipelineHandle first =
                runner.start(
                        plan(
                                2,
                                Duration.ofMillis(10),
                                Map.of("rows", "1000", "pause_at", "400", "unbounded", "true"),
                                Map.of()));
        await(() -> first.metrics().rowsWritten() == 400 && store.history("p1").size() >= 2);
        assertThat(first.state()).isEqualTo(PipelineState.RUNNING);

        first.stop();

        assertThat(first.state()).isEqualTo(PipelineState.STOPPED);
        long stoppedAt = store.latest("p1").orElseThrow().epoch();
        assertThat(connector.written).hasSize(400);
        connector.firstIdPerSourceRun.clear();

        PipelineHandle second =
                runner.start(plan(2, Duration.ofMillis(10), Map.of("rows", "1000"), Map.of()));
        assertThat(second.awaitTermination(WAIT)).isTrue();

        assertThat(second.state()).isEqualTo(PipelineState.STOPPED);
        assertThat(connector.firstIdPerSourceRun).containsExactlyInAnyOrder(400L, 401L);
        assertThat(connector.written)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1000).boxed().toList());
        assertThat(store.latest("p1").orElseThrow().epoch()).isGreaterThan(stoppedAt);
        assertThat(second.metrics().rowsRead()).isEqualTo(600);
    }

    @Test
    void commitsOnlyRecordedCheckpointsAndCommitsTheRestoredOneAgain() throws Exception {
        PipelineHandle first =
                runner.start(
                        plan(
                                2,
                                Duration.ofMillis(10),
                                Map.of("rows", "1000", "pause_at", "400", "unbounded", "true"),
                                Map.of()));
        await(() -> first.metrics().rowsWritten() == 400 && store.history("p1").size() >= 2);
        first.stop();

        long stoppedAt = store.latest("p1").orElseThrow().epoch();
        assertThat(connector.commits).contains(stoppedAt);
        assertThat(connector.commits.stream().mapToLong(Long::longValue).max()).hasValue(stoppedAt);
        connector.commits.clear();

        PipelineHandle second =
                runner.start(plan(2, Duration.ofMillis(10), Map.of("rows", "1000"), Map.of()));
        assertThat(second.awaitTermination(WAIT)).isTrue();

        // each subtask first finishes the restored epoch's commit, then commits newer epochs
        assertThat(connector.commits.stream().limit(2)).containsOnly(stoppedAt);
        assertThat(connector.commits.stream().mapToLong(Long::longValue).max())
                .hasValue(store.latest("p1").orElseThrow().epoch());
        assertThat(connector.earlyCommits).isEmpty();
    }

    @Test
    void doesNotCompleteEpochsWhileSinksAreNotDurable() throws Exception {
        PipelineHandle handle =
                runner.start(
                        plan(
                                2,
                                Duration.ofMillis(5),
                                Map.of("rows", "300"),
                                Map.of("durable", "false")));

        assertThat(handle.awaitTermination(WAIT)).isTrue();

        assertThat(handle.state()).isEqualTo(PipelineState.STOPPED);
        assertThat(connector.sinkCheckpoints.get()).isGreaterThanOrEqualTo(2);
        assertThat(store.latest("p1")).isEmpty();
        assertThat(handle.metrics().lastCompletedEpoch()).isEmpty();
    }

    @Test
    void failingSinkFailsThePipelineAndClosesEverything() throws Exception {
        PipelineHandle handle =
                runner.start(
                        plan(
                                2,
                                Duration.ofMillis(10),
                                Map.of("rows", "1000", "unbounded", "true"),
                                Map.of("fail_after", "25")));

        assertThat(handle.awaitTermination(WAIT)).isTrue();

        assertThat(handle.state()).isEqualTo(PipelineState.FAILED);
        assertThat(handle.failure())
                .get()
                .extracting(Throwable::getMessage)
                .isEqualTo("sink failed on purpose");
        assertThat(connector.openResources).hasValue(0);
        handle.stop();
        assertThat(handle.state()).isEqualTo(PipelineState.FAILED);
    }

    @Test
    void aFencedPipelineStopsWithoutCommittingAnotherCheckpoint() throws Exception {
        AtomicBoolean fenced = new AtomicBoolean();
        List<String> claims = new java.util.concurrent.CopyOnWriteArrayList<>();
        CheckpointStore fencing =
                new CheckpointStore() {
                    @Override
                    public void claim(String pipeline) {
                        claims.add(pipeline);
                    }

                    @Override
                    public Optional<CompletedCheckpoint> latest(String pipeline) {
                        return store.latest(pipeline);
                    }

                    @Override
                    public void complete(String pipeline, CompletedCheckpoint checkpoint) {
                        if (fenced.get()) {
                            throw new CheckpointFencedException("taken over by another server");
                        }
                        store.complete(pipeline, checkpoint);
                    }
                };
        PipelineRunner fencingRunner =
                new PipelineRunner(ConnectorRegistry.of(connector), fencing, allocator, Map.of());
        PipelineHandle handle =
                fencingRunner.start(
                        plan(
                                2,
                                Duration.ofMillis(10),
                                Map.of("rows", "1000", "pause_at", "400", "unbounded", "true"),
                                Map.of()));
        await(() -> store.history("p1").size() >= 2);
        fenced.set(true);

        assertThat(handle.awaitTermination(WAIT)).isTrue();

        assertThat(claims).containsExactly("p1");
        assertThat(handle.state()).isEqualTo(PipelineState.FAILED);
        assertThat(handle.failure()).get().isInstanceOf(CheckpointFencedException.class);
        long recorded = store.latest("p1").orElseThrow().epoch();
        assertThat(connector.commits)
                .isNotEmpty()
                .allSatisfy(epoch -> assertThat(epoch).isLessThanOrEqualTo(recorded));
        assertThat(connector.openResources).hasValue(0);
    }

    @Test
    void rejectsPlansItCannotRun() {
        PipelinePlan sourceOnly =
                PipelinePlan.of(
                        "p2",
                        1,
                        Duration.ofSeconds(1),
                        List.of(
                                new SourceSpec(
                                        "source",
                                        "numbers",
                                        "memory",
                                        Map.of("rows", "1"),
                                        SCHEMA)));
        assertThatThrownBy(() -> runner.start(sourceOnly))
                .isInstanceOf(SluiceException.class)
                .extracting(e -> ((SluiceException) e).errorCode())
                .isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);

        PipelinePlan unknownConnector =
                PipelinePlan.of(
                        "p3",
                        1,
                        Duration.ofSeconds(1),
                        List.of(
                                new SourceSpec("source", "numbers", "nope", Map.of(), SCHEMA),
                                new SinkSpec(
                                        "sink",
                                        List.of("source"),
                                        "t",
                                        "memory",
                                        Map.of(),
                                        SCHEMA)));
        assertThatThrownBy(() -> runner.start(unknownConnector))
                .hasMessage("unknown connector \"nope\"");

        assertThatThrownBy(
                        () ->
                                runner.start(
                                        plan(
                                                1,
                                                Duration.ofSeconds(1),
                                                Map.of("rows", "{{ MISSING }}"),
                                                Map.of())))
                .hasMessageContaining("environment variable MISSING");
        assertThatThrownBy(
                        () ->
                                runner.start(
                                        plan(
                                                1,
                                                Duration.ofSeconds(1),
                                                Map.of("row", "5"),
                                                Map.of())))
                .hasMessageContaining("did you mean \"rows\"?");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in " + WAIT);
            }
            Thread.sleep(5);
        }
    }
}
