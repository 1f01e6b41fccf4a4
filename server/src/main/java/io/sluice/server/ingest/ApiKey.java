package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.Set;

/**
 * An API key as the server checks it: its name, the streams it may post to ({@code *} for all) and
 * its own rate limit in events per second, if it has one.
 */
public record ApiKey(String name, Set<String> streams, OptionalInt rateLimit) {
    public static final String ALL_STREAMS = "*";

    public ApiKey {
        requireNonNull(name, "name is null");
        streams = Set.copyOf(requireNonNull(streams, "streams is null"));
        requireNonNull(rateLimit, "rateLimit is null");
    }

    public boolean allows(String stream) {
        return streams.contains(ALL_STREAMS) || streams.contains(stream);
    }
}
