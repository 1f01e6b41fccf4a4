package io.sluice.pgwire;

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
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL wire protocol (3.0) endpoint. Each connection gets a thread of its own for its
 * statements, so a blocking {@link PgSession} holds back only its own client; the network event
 * loops stay free, which is also what lets a CancelRequest through while a statement runs.
 *
 * <pre>{@code
 * try (PgServer server = PgServer.start(PgServerConfig.trust("127.0.0.1", 0, factory))) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class PgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;

    private PgServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
    }

    /** Binds and starts serving; returns once the port is open. */
    public static PgServer start(PgServerConfig config) {
        requireNonNull(config, "config is null");
        BackendKeys backendKeys = new BackendKeys();
        ThreadFactory connectionThreads = new DefaultThreadFactory("pgwire-connection", true);
        EventLoopGroup bossGroup =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("pgwire-accept", true),
                        NioIoHandler.newFactory());
        EventLoopGroup workerGroup =
                new MultiThreadIoEventLoopGroup(
                        Math.max(1, Runtime.getRuntime().availableProcessors()),
                        new DefaultThreadFactory("pgwire-io", true),
                        NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap =
                    new ServerBootstrap()
                            .group(bossGroup, workerGroup)
                            .channel(NioServerSocketChannel.class)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(
                                    new ConnectionInitializer(
                                            config, backendKeys, connectionThreads));
            Channel channel =
                    bootstrap
                            .bind(new InetSocketAddress(config.host(), config.port()))
                            .syncUninterruptibly()
                            .channel();
            PgServer server = new PgServer(bossGroup, workerGroup, channel);
            LOG.info("pgwire listening on {}:{}", config.host(), server.port());
            return server;
        } catch (RuntimeException e) {
            bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Sets up one connection: framing on the event loop, the protocol on its own thread. */
    private static final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {
        private final PgServerConfig config;
        private final BackendKeys backendKeys;
        private final ThreadFactory connectionThreads;

        ConnectionInitializer(
                PgServerConfig config, BackendKeys backendKeys, ThreadFactory connectionThreads) {
            this.config = config;
            this.backendKeys = backendKeys;
            this.connectionThreads = connectionThreads;
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            PgProtocolHandler handler = new PgProtocolHandler(config, backendKeys);
            // The handler shuts this executor down when it is removed from the closed channel.
            DefaultEventExecutor executor = new DefaultEventExecutor(connectionThreads);
            channel.pipeline()
                    .addLast(
                            "decoder",
                            new PgDecoder(
                                    config.sslContext(),
                                    backendKeys,
                                    handler::cancelRunningStatement))
                    .addLast(executor, "protocol", handler);
        }
    }

    /** The bound port (useful when the configured port was 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection (their sessions are closed) and waits briefly. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
