package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the HTTP ingest endpoint listens and what it accepts.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free one
 * @param defaultTopic the Kafka topic {@code POST /ingest} produces to
 * @param maxBodyBytes the largest request body accepted, measured after decompression
 * @param maxEventBytes the largest single event accepted
 * @param maxNestingDepth the deepest nesting of objects and arrays an event may have
 * @param requestTimeout how long a request may take, from its first byte to the broker's ack
 * @param ioThreads the number of event loop threads; 0 lets Netty choose
 * @param headerTimeout how long a connection may take to send a request head, counted from its
 *     opening or from the previous answer; idle keep-alive connections are closed after it too
 * @param maxInFlightBytes the bytes of events that may wait for the sink at once, over all
 *     requests; beyond it requests are answered 429
 */
public record IngestConfig(
        String host,
        int port,
        String defaultTopic,
        int maxBodyBytes,
        int maxEventBytes,
        int maxNestingDepth,
        Duration requestTimeout,
        int ioThreads,
        Duration headerTimeout,
        long maxInFlightBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024;

    public IngestConfig {
        requireNonNull(host, "host is null");
        requireNonNull(defaultTopic, "defaultTopic is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (defaultTopic.isBlank()) {
            throw new IllegalArgumentException("defaultTopic is blank");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (maxEventBytes < 1 || maxEventBytes > maxBodyBytes) {
            throw new IllegalArgumentException(
                    "maxEventBytes must be between 1 and maxBodyBytes ("
                            + maxBodyBytes
                            + "): "
                            + maxEventBytes);
        }
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException(
                    "maxNestingDepth must be positive: " + maxNestingDepth);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "requestTimeout must be positive: " + requestTimeout);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must not be negative: " + ioThreads);
        }
        requireNonNull(headerTimeout, "headerTimeout is null");
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("headerTimeout must be positive: " + headerTimeout);
        }
        if (maxInFlightBytes < maxBodyBytes) {
            throw new IllegalArgumentException(
                    "maxInFlightBytes must be at least maxBodyBytes: " + maxInFlightBytes);
        }
    }

    /**
     * The defaults: loopback, port 8080, 1 MiB bodies, 256 KiB events, depth 64, 30 s per request,
     * 10 s for a request head, 64 MiB in flight.
     */
    public static IngestConfig defaults(String defaultTopic) {
        return new IngestConfig(
                DEFAULT_HOST,
                DEFAULT_PORT,
                defaultTopic,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_EVENT_BYTES,
                DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_REQUEST_TIMEOUT,
                0,
                DEFAULT_HEADER_TIMEOUT,
                DEFAULT_MAX_IN_FLIGHT_BYTES);
    }

    public IngestConfig withHost(String host) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    public IngestConfig withPort(int port) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    /** Sets both size limits at once, since the event limit may not exceed the body limit. */
    public IngestConfig withSizeLimits(int maxBodyBytes, int maxEventBytes) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    public IngestConfig withMaxNestingDepth(int maxNestingDepth) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    public IngestConfig withRequestTimeout(Duration requestTimeout) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    public IngestConfig withIoThreads(int ioThreads) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    public IngestConfig withHeaderTimeout(Duration headerTimeout) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }

    public IngestConfig withMaxInFlightBytes(long maxInFlightBytes) {
        return new IngestConfig(
                host,
                port,
                defaultTopic,
                maxBodyBytes,
                maxEventBytes,
                maxNestingDepth,
                requestTimeout,
                ioThreads,
                headerTimeout,
                maxInFlightBytes);
    }
}
