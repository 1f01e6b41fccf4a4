package io.sluice.storage.s3;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Makes a share of the S3 requests of this JVM fail the way a flaky store does: refused before they
 * reach the store, applied by the store but answered with a 5xx (the response is lost), or stalled
 * past the client's request timeout. Registered for every client through the SDK's global
 * interceptor list on the test class path; does nothing until {@link #enable} is called.
 */
public final class S3FaultInjector implements ExecutionInterceptor {
    /** The kinds of fault, counted separately so a test can show each one happened. */
    public enum Fault {
        REFUSED,
        LOST_RESPONSE,
        STALLED
    }

    private static volatile Settings settings;
    private static final Map<Fault, AtomicLong> injected = new ConcurrentHashMap<>();

    private record Settings(double rate, Random random, Duration stall) {}

    /** Fails {@code rate} of the request attempts from now on, chosen by a seeded random. */
    public static void enable(double rate, long seed, Duration stall) {
        injected.clear();
        settings = new Settings(rate, new Random(seed), stall);
    }

    public static void disable() {
        settings = null;
    }

    public static long injected(Fault fault) {
        AtomicLong count = injected.get(fault);
        return count == null ? 0 : count.get();
    }

    @Override
    public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        Fault fault = draw();
        if (fault == Fault.REFUSED) {
            count(fault);
            throw SdkClientException.create(
                    "connection refused (injected)", new ConnectException("injected"));
        }
        if (fault == Fault.STALLED) {
            count(fault);
            try {
                // The client's attempt timeout interrupts this sleep and retries the request.
                Thread.sleep(settings.stall().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(
            Context.ModifyHttpResponse context, ExecutionAttributes executionAttributes) {
        if (draw() == Fault.LOST_RESPONSE) {
            // 503 is throttling to the SDK (long backoff), 500 a plain server error: both occur
            boolean throttle = count(Fault.LOST_RESPONSE) % 4 == 0;
            return context.httpResponse().toBuilder()
                    .statusCode(throttle ? 503 : 500)
                    .statusText(throttle ? "Slow Down" : "Internal Error")
                    .build();
        }
        return context.httpResponse();
    }

    private static Fault draw() {
        Settings current = settings;
        if (current == null) {
            return null;
        }
        synchronized (current.random()) {
            double value = current.random().nextDouble();
            if (value >= current.rate()) {
                return null;
            }
            // each hook draws on its own and acts only on its kinds, so the shares add up to the
            // rate
            double share = value / current.rate();
            if (share < 0.25) {
                return Fault.REFUSED;
            }
            if (share < 0.45) {
                return Fault.STALLED;
            }
            return Fault.LOST_RESPONSE;
        }
    }

    private static long count(Fault fault) {
        return injected.computeIfAbsent(fault, ignored -> new AtomicLong()).incrementAndGet();
    }
}
