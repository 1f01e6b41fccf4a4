package io.sluice.executor.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint every subtask acknowledged and every sink reported durable.
 *
 * @param epoch increases with every checkpoint of a pipeline, across restarts
 * @param states operator state by {@link #stateKey(String, int)}
 */
public record CompletedCheckpoint(long epoch, Instant time, Map<String, byte[]> states) {
    public CompletedCheckpoint {
        requireNonNull(time, "time is null");
        states = Map.copyOf(states);
    }

    /** The key of one operator subtask's state: {@code operatorId + "/" + subtask}. */
    public static String stateKey(String operatorId, int subtask) {
        return operatorId + "/" + subtask;
    }

    public Optional<byte[]> state(String operatorId, int subtask) {
        return Optional.ofNullable(states.get(stateKey(operatorId, subtask)));
    }
}
