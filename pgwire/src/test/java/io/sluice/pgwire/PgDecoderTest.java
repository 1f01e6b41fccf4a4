package io.sluice.pgwire;

import static io.sluice.pgwire.EmbeddedConnection.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Framing and the pre-startup requests, driven through an {@link EmbeddedConnection}. */
class PgDecoderTest {
    private final FakeSession.Events events = new FakeSession.Events();

    @TempDir Path directory;

    private PgServerConfig trust() {
        return PgServerConfig.trust("127.0.0.1", 0, FakeSession.factory(events));
    }

    @Test
    void sslRequestWithoutCertificateIsAnsweredNoAndStartupContinuesInClear() {
        try (EmbeddedConnection connection = new EmbeddedConnection(trust())) {
            connection.send(FrontendMessages.sslRequest());
            assertThat(ByteBufUtil.getBytes(connection.drain())).containsExactly('N');

            List<BackendMessage> startup =
                    connection.exchange(FrontendMessages.startup(Map.of("user", "alice")));
            assertThat(startup.get(0).type()).isEqualTo('R');
            assertThat(startup.get(0).authenticationCode()).isZero();
            assertThat(startup.get(startup.size() - 1).transactionStatus()).isEqualTo('I');
        }
    }

    @Test
    void sslRequestWithCertificateIsAnsweredYesAndTlsJoinsThePipeline() throws Exception {
        SslContext context = SelfSignedContext.create(directory);
        try (EmbeddedConnection connection =
                new EmbeddedConnection(trust().withSslContext(context))) {
            connection.send(FrontendMessages.sslRequest());
            assertThat(ByteBufUtil.getBytes(connection.drain())).containsExactly('S');
            assertThat(connection.channel.pipeline().get(SslHandler.class)).isNotNull();
            assertThat(connection.channel.pipeline().first()).isInstanceOf(SslHandler.class);
        }
    }

    @Test
    void gssEncRequestIsAnsweredNo() {
        try (EmbeddedConnection connection = new EmbeddedConnection(trust())) {
            connection.send(FrontendMessages.gssEncRequest());
            assertThat(ByteBufUtil.getBytes(connection.drain())).containsExactly('N');
            // A client falls back to SSLRequest, then to a plain startup.
            connection.send(FrontendMessages.sslRequest());
            assertThat(ByteBufUtil.getBytes(connection.drain())).containsExactly('N');
            List<BackendMessage> startup =
                    connection.exchange(FrontendMessages.startup(Map.of("user", "alice")));
            assertThat(types(startup)).startsWith('R').endsWith('Z');
        }
    }

    @Test
    void bytesPipelinedAfterAnAcceptedSslRequestAreRefused() throws Exception {
        SslContext context = SelfSignedContext.create(directory);
        try (EmbeddedConnection connection =
                new EmbeddedConnection(trust().withSslContext(context))) {
            // Whatever follows SSLRequest before the handshake was never encrypted: it could have
            // been injected by a man in the middle, so the connection is refused.
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.sslRequest(),
                            FrontendMessages.startup(Map.of("user", "alice")));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).fields())
                    .containsEntry('S', "FATAL")
                    .containsEntry('C', PgSqlState.PROTOCOL_VIOLATION);
            assertThat(answer.get(0).fields().get('M'))
                    .isEqualTo("received unencrypted data after SSL request");
            assertThat(connection.channel.pipeline().get(SslHandler.class)).isNull();
            assertThat(connection.channel.isOpen()).isFalse();
            assertThat(events.executions).hasValue(0);
        }
    }

    @Test
    void protocolMinorVersionAboveZeroIsNegotiatedDown() {
        try (EmbeddedConnection connection = new EmbeddedConnection(trust())) {
            List<BackendMessage> startup =
                    connection.exchange(
                            FrontendMessages.startup(
                                    FrontendMessages.PROTOCOL_3_2,
                                    Map.of("user", "alice", "_pq_.some_option", "on")));
            assertThat(startup.get(0).type()).isEqualTo('v');
            ByteBuf body = Unpooled.wrappedBuffer(startup.get(0).body());
            assertThat(body.readInt()).isEqualTo(FrontendMessages.PROTOCOL_3_0);
            assertThat(body.readInt()).isEqualTo(1);
            assertThat(body.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("_pq_.some_option\0");
            assertThat(types(startup)).endsWith('K', 'Z');
        }
    }

    @Test
    void unsupportedMajorVersionIsRefused() {
        try (EmbeddedConnection connection = new EmbeddedConnection(trust())) {
            List<BackendMessage> answer =
                    connection.exchange(FrontendMessages.startup(2 << 16, Map.of("user", "alice")));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).sqlState()).isEqualTo(PgSqlState.FEATURE_NOT_SUPPORTED);
            assertThat(connection.channel.isOpen()).isFalse();
        }
    }

    @Test
    void startupWithoutUserIsRefused() {
        try (EmbeddedConnection connection = new EmbeddedConnection(trust())) {
            List<BackendMessage> answer =
                    connection.exchange(FrontendMessages.startup(Map.of("database", "x")));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).sqlState())
                    .isEqualTo(PgSqlState.INVALID_AUTHORIZATION_SPECIFICATION);
            assertThat(connection.channel.isOpen()).isFalse();
        }
    }

    @Test
    void startupPacketWithImpossibleLengthIsRefused() {
        try (EmbeddedConnection connection = new EmbeddedConnection(trust())) {
            List<BackendMessage> answer =
                    connection.exchange(Unpooled.buffer().writeInt(1_000_000).writeInt(196608));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).sqlState()).isEqualTo(PgSqlState.PROTOCOL_VIOLATION);
            assertThat(answer.get(0).fields().get('M'))
                    .isEqualTo("invalid length of startup packet");
            assertThat(connection.channel.isOpen()).isFalse();
        }
    }

    @Test
    void oversizedMessageIsRefused() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            // Only the header is sent: the length alone is reason enough to refuse.
            List<BackendMessage> answer =
                    connection.exchange(
                            Unpooled.buffer().writeByte('Q').writeInt(Integer.MAX_VALUE));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).fields())
                    .containsEntry('S', "FATAL")
                    .containsEntry('C', PgSqlState.PROTOCOL_VIOLATION);
            assertThat(connection.channel.isOpen()).isFalse();
        }
    }

    @Test
    void messageLengthBelowItsOwnSizeIsRefused() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(Unpooled.buffer().writeByte('Q').writeInt(3));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).sqlState()).isEqualTo(PgSqlState.PROTOCOL_VIOLATION);
            assertThat(connection.channel.isOpen()).isFalse();
        }
    }

    @Test
    void messageSplitAcrossReadsIsReassembled() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            ByteBuf query = FrontendMessages.query("select 5");
            connection.send(query.readRetainedSlice(3));
            assertThat(connection.drain().isReadable()).isFalse();
            List<BackendMessage> answer = connection.exchange(query);
            assertThat(types(answer)).containsExactly('T', 'D', 'C', 'Z');
            assertThat(answer.get(1).textValues()).containsExactly("5");
        }
    }

    @Test
    void truncatedMessageBodyIsRefusedWithAnError() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            // A Bind whose length frames it correctly but whose body stops after the names.
            ByteBuf body = Unpooled.buffer().writeByte(0).writeByte(0).writeShort(1);
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse("", "select 1", List.of()),
                            FrontendMessages.message('B', body),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', 'E', 'Z');
            assertThat(answer.get(1).sqlState()).isEqualTo(PgSqlState.PROTOCOL_VIOLATION);
            assertThat(answer.get(1).fields().get('M'))
                    .isEqualTo("insufficient data left in message");
            // The framing is intact, so the connection goes on.
            assertThat(types(connection.exchange(FrontendMessages.query("select 1"))))
                    .containsExactly('T', 'D', 'C', 'Z');
        }
    }

    @Test
    void unknownMessageTypeIsFatal() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(FrontendMessages.message('y', Unpooled.EMPTY_BUFFER));
            assertThat(types(answer)).containsExactly('E');
            assertThat(answer.get(0).fields()).containsEntry('S', "FATAL");
            assertThat(connection.channel.isOpen()).isFalse();
        }
    }
}
