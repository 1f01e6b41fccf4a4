package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who may post to the ingest endpoint: anyone ({@link #open()}), or holders of an API key, each
 * limited to its streams and its rate.
 */
public final class IngestAccess {
    private final Optional<ApiKeys> keys;
    private final RateLimiter rateLimiter;
    private final int defaultRateLimit;

    private IngestAccess(Optional<ApiKeys> keys, int defaultRateLimit) {
        this.keys = requireNonNull(keys, "keys is null");
        if (defaultRateLimit < 1) {
            throw new IllegalArgumentException(
                    "defaultRateLimit must be positive: " + defaultRateLimit);
        }
        this.defaultRateLimit = defaultRateLimit;
        this.rateLimiter = new RateLimiter();
    }

    /** No keys needed and no rate limit. */
    public static IngestAccess open() {
        return new IngestAccess(Optional.empty(), Integer.MAX_VALUE);
    }

    /** Keys required; a key without its own limit may post {@code defaultRateLimit} events/s. */
    public static IngestAccess withKeys(ApiKeys keys, int defaultRateLimit) {
        return new IngestAccess(
                Optional.of(requireNonNull(keys, "keys is null")), defaultRateLimit);
    }

    public boolean requiresKeys() {
        return keys.isPresent();
    }

    /** The active key with this secret; always empty when keys are not required. */
    public Optional<ApiKey> authenticate(String secret) {
        return keys.flatMap(store -> store.authenticate(secret));
    }

    /** 0 if the key may start a request now, else the seconds to wait. */
    public long retryAfterSeconds(ApiKey key) {
        return rateLimiter.retryAfterSeconds(key.name(), rate(key));
    }

    public void charge(ApiKey key, int events) {
        rateLimiter.charge(key.name(), rate(key), events);
    }

    private int rate(ApiKey key) {
        return key.rateLimit().orElse(defaultRateLimit);
    }
}
