package io.sluice.server.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key, in events: it fills at the key's rate up to one second's worth. A
 * request may start while the bucket holds at least one token and is then charged its events in
 * full, even into debt, so a batch larger than the bucket still passes once and the key then waits
 * until the debt is paid.
 */
public final class RateLimiter {
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Whether a request of this key may start now.
     *
     * @return 0 if it may, otherwise the whole seconds to wait (at least 1)
     */
    public long retryAfterSeconds(String key, int eventsPerSecond) {
        return bucket(key, eventsPerSecond).retryAfterSeconds(nanoClock.getAsLong());
    }

    /** Charges a started request's events. */
    public void charge(String key, int eventsPerSecond, int events) {
        bucket(key, eventsPerSecond).charge(nanoClock.getAsLong(), events);
    }

    private Bucket bucket(String key, int eventsPerSecond) {
        if (eventsPerSecond < 1) {
            throw new IllegalArgumentException("eventsPerSecond must be positive");
        }
        Bucket bucket =
                buckets.computeIfAbsent(
                        key, ignored -> new Bucket(eventsPerSecond, nanoClock.getAsLong()));
        bucket.setRate(eventsPerSecond);
        return bucket;
    }

    private static final class Bucket {
        private double rate;
        private double tokens;
        private long updatedNanos;

        Bucket(int rate, long now) {
            this.rate = rate;
            this.tokens = rate;
            this.updatedNanos = now;
        }

        synchronized void setRate(int rate) {
            this.rate = rate;
        }

        synchronized long retryAfterSeconds(long now) {
            refill(now);
            if (tokens >= 1) {
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }

        synchronized void charge(long now, int events) {
            refill(now);
            tokens -= events;
        }

        private void refill(long now) {
            double seconds = (now - updatedNanos) / (double) TimeUnit.SECONDS.toNanos(1);
            tokens = Math.min(rate, tokens + seconds * rate);
            updatedNanos = now;
        }
    }
}
