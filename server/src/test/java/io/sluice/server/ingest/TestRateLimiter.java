package io.sluice.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class TestRateLimiter {
    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void bucketHoldsOneSecondAndRefills() {
        assertThat(limiter.retryAfterSeconds("k", 10)).isZero();
        limiter.charge("k", 10, 10);
        assertThat(limiter.retryAfterSeconds("k", 10)).isEqualTo(1);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(limiter.retryAfterSeconds("k", 10)).isZero();
    }

    @Test
    void largeBatchRunsIntoDebtThatMustBePaid() {
        limiter.charge("k", 10, 45);

        assertThat(limiter.retryAfterSeconds("k", 10)).isEqualTo(4);
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertThat(limiter.retryAfterSeconds("k", 10)).isZero();
    }

    @Test
    void keysHaveBucketsOfTheirOwn() {
        limiter.charge("a", 5, 100);

        assertThat(limiter.retryAfterSeconds("a", 5)).isPositive();
        assertThat(limiter.retryAfterSeconds("b", 5)).isZero();
    }
}
