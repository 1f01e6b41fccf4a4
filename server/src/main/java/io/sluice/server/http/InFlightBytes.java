package io.sluice.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of events handed to the sink and not yet acknowledged, over all connections. Bounding
 * them bounds the memory a slow broker can make the endpoint hold: past the limit a request is
 * answered 429 at once instead of queueing.
 */
final class InFlightBytes {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    InFlightBytes(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    boolean tryAcquire(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > limit && current > 0) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
