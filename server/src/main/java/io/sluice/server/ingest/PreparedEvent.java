package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

/**
 * An event ready to produce: its record key (null when the stream has no partition key or the event
 * lacks it) and its value. The arrays are not copied.
 */
public record PreparedEvent(byte[] key, byte[] value) {
    public PreparedEvent {
        requireNonNull(value, "value is null");
    }
}
