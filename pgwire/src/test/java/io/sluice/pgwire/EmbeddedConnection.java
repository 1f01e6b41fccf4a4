package io.sluice.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;

/**
 * One server-side connection (decoder and protocol handler) on a Netty {@link EmbeddedChannel}:
 * tests write frontend bytes in and read the exact backend messages out, with no socket.
 */
final class EmbeddedConnection implements AutoCloseable {
    final EmbeddedChannel channel;

    EmbeddedConnection(PgServerConfig config) {
        BackendKeys backendKeys = new BackendKeys();
        PgProtocolHandler handler = new PgProtocolHandler(config, backendKeys);
        channel =
                new EmbeddedChannel(
                        new PgDecoder(
                                config.sslContext(), backendKeys, handler::cancelRunningStatement),
                        handler);
    }

    /** A trusted connection over {@link FakeSession} that has completed its startup. */
    static EmbeddedConnection ready(FakeSession.Events events) {
        EmbeddedConnection connection =
                new EmbeddedConnection(
                        PgServerConfig.trust("127.0.0.1", 0, FakeSession.factory(events)));
        List<BackendMessage> startup =
                connection.exchange(FrontendMessages.startup(Map.of("user", "alice")));
        assertThat(startup.get(startup.size() - 1).type()).isEqualTo('Z');
        return connection;
    }

    /** Sends the messages (as one write, like a pipelining client) and returns every answer. */
    List<BackendMessage> exchange(ByteBuf... messages) {
        send(messages);
        return BackendMessage.split(drain());
    }

    void send(ByteBuf... messages) {
        channel.writeInbound(Unpooled.wrappedBuffer(messages));
        channel.runPendingTasks();
    }

    /** Everything written to the client so far, as raw bytes. */
    ByteBuf drain() {
        ByteBuf all = Unpooled.buffer();
        for (Object written = channel.readOutbound();
                written != null;
                written = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) written;
            all.writeBytes(buffer);
            buffer.release();
        }
        return all;
    }

    static List<Character> types(List<BackendMessage> messages) {
        return messages.stream().map(BackendMessage::type).toList();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
