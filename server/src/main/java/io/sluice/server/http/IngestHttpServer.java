package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sluice.server.ingest.IngestAccess;
import io.sluice.server.ingest.IngestStreams;
import io.sluice.server.ingest.StreamRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingest endpoint: {@code POST /ingest} and {@code POST /ingest/<stream>} validate events
 * and publish them to an {@link EventSink}, answering only once the sink has stored them; {@code
 * GET /health} reports whether the endpoint can take events and {@code GET /metrics} serves its
 * counters in the Prometheus text format.
 *
 * <p>A single event answers {@code 200 ok}; a JSON array or an NDJSON body answers {@code 200} with
 * {@code {"accepted":n,"rejected":m,"errors":[...]}}. Refusals answer 400, 413 or 415 with {@code
 * {"error":"...","code":"..."}}; a failing or slow store answers 503 with {@code Retry-After: 1}.
 */
public final class IngestHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestHttpServer.class);

    private static final int MAX_INITIAL_LINE_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final Channel serverChannel;
    private final InetSocketAddress address;

    private IngestHttpServer(
            IngestConfig config,
            IngestMetrics metrics,
            EventLoopGroup acceptGroup,
            EventLoopGroup ioGroup,
            Channel serverChannel) {
        this.config = config;
        this.metrics = metrics;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.serverChannel = serverChannel;
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    /** Starts an endpoint that is always healthy, with metrics of its own. */
    public static IngestHttpServer start(IngestConfig config, EventSink sink) {
        return start(config, sink, new IngestMetrics(), () -> true);
    }

    /** Serves only the default stream, to the configured topic, without keys. */
    public static IngestHttpServer start(
            IngestConfig config,
            EventSink sink,
            IngestMetrics metrics,
            BooleanSupplier healthCheck) {
        return start(
                config,
                sink,
                metrics,
                healthCheck,
                StreamRegistry.of(IngestStreams.single(config.defaultTopic())),
                IngestAccess.open());
    }

    /**
     * Binds and starts serving.
     *
     * @param healthCheck answers {@code GET /health}; false answers 503. Called on a network
     *     thread, so it must answer from state it already has.
     * @param streams the streams served; the caller keeps their schemas current
     * @param access who may post
     * @throws IllegalStateException if the address cannot be bound
     */
    public static IngestHttpServer start(
            IngestConfig config,
            EventSink sink,
            IngestMetrics metrics,
            BooleanSupplier healthCheck,
            StreamRegistry streams,
            IngestAccess access) {
        requireNonNull(streams, "streams is null");
        requireNonNull(access, "access is null");
        InFlightBytes inFlight = new InFlightBytes(config.maxInFlightBytes());
        requireNonNull(config, "config is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(healthCheck, "healthCheck is null");
        EventDecoder decoder = new EventDecoder(config.maxEventBytes(), config.maxNestingDepth());
        EventLoopGroup acceptGroup =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("sluice-ingest-accept", true),
                        NioIoHandler.newFactory());
        EventLoopGroup ioGroup =
                new MultiThreadIoEventLoopGroup(
                        config.ioThreads(),
                        new DefaultThreadFactory("sluice-ingest-io", true),
                        NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap =
                    new ServerBootstrap()
                            .group(acceptGroup, ioGroup)
                            .channel(NioServerSocketChannel.class)
                            .option(ChannelOption.SO_BACKLOG, 1024)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel channel) {
                                            channel.pipeline()
                                                    .addLast(httpCodec())
                                                    // Holds back requests a client pipelines
                                                    // while one is in flight.
                                                    .addLast(new FlowControlHandler())
                                                    .addLast(
                                                            new IngestHandler(
                                                                    config,
                                                                    decoder,
                                                                    sink,
                                                                    metrics,
                                                                    healthCheck,
                                                                    streams,
                                                                    access,
                                                                    inFlight));
                                        }
                                    });
            Channel channel =
                    bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
            IngestHttpServer server =
                    new IngestHttpServer(config, metrics, acceptGroup, ioGroup, channel);
            log.info(
                    "HTTP ingest listening on {}:{}, streams {}, {}",
                    config.host(),
                    server.port(),
                    streams.streams().streams().stream()
                            .map(stream -> stream.name() + " -> " + stream.topic())
                            .toList(),
                    access.requiresKeys() ? "API keys required" : "no API keys required");
            return server;
        } catch (RuntimeException e) {
            acceptGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            ioGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "Cannot listen on " + config.host() + ":" + config.port(), e);
        }
    }

    private static HttpServerCodec httpCodec() {
        return new HttpServerCodec(
                new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                        .setMaxHeaderSize(MAX_HEADER_BYTES)
                        .setMaxChunkSize(MAX_CHUNK_BYTES));
    }

    public IngestConfig config() {
        return config;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** The bound address; with port 0 in the configuration, the port that was picked. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** The endpoint's base URI, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host =
                address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /**
     * Stops accepting, closes connections and waits for the event loops to stop. Requests still
     * waiting for the sink get no answer; their clients retry.
     */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        acceptGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("HTTP ingest on port {} stopped", port());
    }
}
