package io.sluice.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.PipelineHandle;
import io.sluice.executor.runtime.PipelineMetrics;
import io.sluice.executor.runtime.PipelineRunner;
import io.sluice.executor.runtime.PipelineState;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.StoredPipeline;
import io.sluice.server.catalog.StoredPipeline.DesiredState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the catalog's pipelines. A pipeline always runs the plan stored with it, so a restart
 * resumes exactly the operators whose state its last checkpoint holds. The catalog records what the
 * user wants (running or stopped); this class makes it so and records failures.
 */
public final class PipelineManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineManager.class);

    private final CatalogStore catalog;
    private final PipelineRunner runner;
    private final Duration stopTimeout;
    private final Map<String, PipelineHandle> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "sluice-pipeline-monitor");
                        thread.setDaemon(true);
                        return thread;
                    });

    public PipelineManager(CatalogStore catalog, PipelineRunner runner, Duration stopTimeout) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout is null");
        monitor.scheduleWithFixedDelay(this::recordFailures, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts every pipeline the catalog wants running; one that cannot start is recorded as failed.
     */
    public void recover() {
        for (StoredPipeline pipeline : catalog.pipelines()) {
            if (pipeline.desired() == DesiredState.RUNNING) {
                try {
                    launch(pipeline);
                    LOG.info("Resumed pipeline {}", pipeline.name());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Pipeline {} could not be resumed: {}",
                            pipeline.name(),
                            e.getMessage());
                    catalog.setLastError(pipeline.name(), Optional.of(describe(e)));
                }
            }
        }
    }

    /** Starts a pipeline that was just created; failures to start reach the caller. */
    public void start(String name) {
        StoredPipeline pipeline = stored(name);
        PipelineHandle existing = running.get(name);
        if (existing != null && !existing.state().isTerminal()) {
            return;
        }
        catalog.setDesiredState(name, DesiredState.RUNNING);
        catalog.setLastError(name, Optional.empty());
        launch(pipeline);
    }

    /** Stops a pipeline after a final checkpoint, and remembers that it should stay stopped. */
    public void stop(String name) {
        stored(name);
        catalog.setDesiredState(name, DesiredState.STOPPED);
        PipelineHandle handle = running.remove(name);
        if (handle != null) {
            handle.stop(stopTimeout);
        }
    }

    /** Stops and forgets a pipeline. */
    public void drop(String name) {
        PipelineHandle handle = running.remove(name);
        if (handle != null) {
            handle.stop(stopTimeout);
        }
        catalog.dropPipeline(name);
    }

    /**
     * What a pipeline is doing now: its runtime state and counters, when it has run in this
     * process.
     */
    public Optional<PipelineStatus> status(String name) {
        PipelineHandle handle = running.get(name);
        if (handle == null) {
            return Optional.empty();
        }
        return Optional.of(
                new PipelineStatus(
                        handle.state(),
                        handle.metrics(),
                        handle.failure().map(PipelineManager::describe)));
    }

    private void launch(StoredPipeline pipeline) {
        PipelineHandle handle = runner.start(pipeline.plan());
        running.put(pipeline.name(), handle);
    }

    private StoredPipeline stored(String name) {
        return catalog.pipeline(name)
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.UNDEFINED_OBJECT,
                                        "pipeline \"" + name + "\" does not exist"));
    }

    private void recordFailures() {
        for (Map.Entry<String, PipelineHandle> entry : running.entrySet()) {
            PipelineHandle handle = entry.getValue();
            if (handle.state() == PipelineState.FAILED && handle.failure().isPresent()) {
                try {
                    catalog.setLastError(
                            entry.getKey(), Optional.of(describe(handle.failure().get())));
                    running.remove(entry.getKey(), handle);
                    failed.put(entry.getKey(), handle);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Cannot record failure of pipeline {}: {}",
                            entry.getKey(),
                            e.getMessage());
                }
            }
        }
    }

    private final Map<String, PipelineHandle> failed = new ConcurrentHashMap<>();

    /** The last failed run of a pipeline in this process, if any. */
    public Optional<PipelineStatus> lastFailure(String name) {
        PipelineHandle handle = failed.get(name);
        if (handle == null) {
            return Optional.empty();
        }
        return Optional.of(
                new PipelineStatus(
                        handle.state(),
                        handle.metrics(),
                        handle.failure().map(PipelineManager::describe)));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    /**
     * Stops every running pipeline with a final checkpoint; their desired state stays as it is for
     * the next start.
     */
    @Override
    public void close() {
        monitor.shutdownNow();
        for (Map.Entry<String, PipelineHandle> entry : running.entrySet()) {
            try {
                entry.getValue().stop(stopTimeout);
            } catch (RuntimeException e) {
                LOG.warn("Pipeline {} did not stop cleanly: {}", entry.getKey(), e.getMessage());
            }
        }
        running.clear();
    }

    /** A pipeline's runtime view. */
    public record PipelineStatus(
            PipelineState state, PipelineMetrics metrics, Optional<String> error) {}
}
