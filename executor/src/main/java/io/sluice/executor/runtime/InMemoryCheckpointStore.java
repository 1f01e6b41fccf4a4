package io.sluice.executor.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps checkpoints in memory: for tests and for pipelines that need no recovery. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, List<CompletedCheckpoint>> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<CompletedCheckpoint> latest(String pipeline) {
        List<CompletedCheckpoint> all = history(pipeline);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public void complete(String pipeline, CompletedCheckpoint checkpoint) {
        checkpoints.compute(
                pipeline,
                (name, list) -> {
                    List<CompletedCheckpoint> updated =
                            list == null ? new ArrayList<>() : new ArrayList<>(list);
                    if (!updated.isEmpty()
                            && updated.get(updated.size() - 1).epoch() >= checkpoint.epoch()) {
                        throw new IllegalStateException(
                                "checkpoint epoch "
                                        + checkpoint.epoch()
                                        + " is not after the latest one");
                    }
                    updated.add(checkpoint);
                    return List.copyOf(updated);
                });
    }

    /** Every checkpoint completed for {@code pipeline}, oldest first. */
    public List<CompletedCheckpoint> history(String pipeline) {
        return checkpoints.getOrDefault(pipeline, List.of());
    }
}
