package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One event to produce: the record key (absent for events without one, which the producer spreads
 * over partitions) and the record value, the event's JSON bytes as the client sent them.
 *
 * <p>The arrays are not copied; nobody may change them after the event is built.
 */
public record Event(byte[] key, byte[] value) {
    public Event {
        requireNonNull(value, "value is null");
    }

    /** An event without a key. */
    public static Event of(byte[] value) {
        return new Event(null, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Event event
                && Arrays.equals(key, event.key)
                && Arrays.equals(value, event.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Event[key="
                + (key == null ? "none" : key.length + " bytes")
                + ", value="
                + value.length
                + " bytes]";
    }
}
