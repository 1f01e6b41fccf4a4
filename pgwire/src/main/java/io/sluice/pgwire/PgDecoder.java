package io.sluice.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames frontend messages. Before startup a packet is {@code int32 length, int32 code}; after it,
 * {@code byte type, int32 length}. SSLRequest, GSSENCRequest and CancelRequest are answered here,
 * on the event loop, so a cancel never waits behind a running statement.
 */
final class PgDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(PgDecoder.class);

    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;
    private static final int MAX_STARTUP_LENGTH = 10_000;
    private static final int MAX_MESSAGE_LENGTH = 256 * 1024 * 1024;

    private final Optional<SslContext> sslContext;
    private final BackendKeys backendKeys;
    private final Runnable onDisconnect;
    private boolean startupDone;
    private boolean sslNegotiated;

    PgDecoder(Optional<SslContext> sslContext, BackendKeys backendKeys, Runnable onDisconnect) {
        this.sslContext = sslContext;
        this.backendKeys = backendKeys;
        this.onDisconnect = onDisconnect;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (startupDone) {
            decodeMessage(ctx, in, out);
        } else {
            decodeStartup(ctx, in, out);
        }
    }

    private void decodeStartup(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 8) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_LENGTH) {
            fail(ctx, in, "invalid length of startup packet");
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        int code = in.getInt(in.readerIndex() + 4);
        switch (code) {
            case SSL_REQUEST_CODE -> {
                in.skipBytes(length);
                if (sslContext.isPresent() && !sslNegotiated && in.isReadable()) {
                    // Bytes sent before the handshake were never encrypted; a man in the middle
                    // may have put them there, so they must not become the startup message.
                    fail(ctx, in, "received unencrypted data after SSL request");
                    return;
                }
                answerSslRequest(ctx);
            }
            case GSSENC_REQUEST_CODE -> {
                in.skipBytes(length);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
            }
            case CANCEL_REQUEST_CODE -> {
                in.skipBytes(8);
                if (length >= 16) {
                    int processId = in.readInt();
                    int secretKey = in.readInt();
                    boolean matched = backendKeys.cancel(processId, secretKey);
                    LOG.debug("cancel request for backend {} matched: {}", processId, matched);
                }
                in.skipBytes(in.readableBytes());
                ctx.close();
            }
            default -> {
                in.skipBytes(4);
                startupDone = true;
                out.add(new ClientMessage(ClientMessage.STARTUP, in.readRetainedSlice(length - 4)));
            }
        }
    }

    private void answerSslRequest(ChannelHandlerContext ctx) {
        if (sslContext.isEmpty() || sslNegotiated) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
            return;
        }
        sslNegotiated = true;
        // The answer must leave in clear text, so it is written before TLS joins the pipeline.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
        ctx.pipeline().addFirst("ssl", sslContext.get().newHandler(ctx.alloc()));
    }

    private void decodeMessage(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 5) {
            int start = in.readerIndex();
            char type = (char) in.getByte(start);
            int length = in.getInt(start + 1);
            if (length < 4 || length > MAX_MESSAGE_LENGTH) {
                fail(ctx, in, "invalid message length " + length);
                return;
            }
            if (in.readableBytes() < length + 1) {
                return;
            }
            in.skipBytes(5);
            out.add(new ClientMessage(type, in.readRetainedSlice(length - 4)));
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String message) {
        in.skipBytes(in.readableBytes());
        ByteBuf error = ctx.alloc().buffer();
        Messages.errorResponse(
                error, new PgException(PgSeverity.FATAL, PgSqlState.PROTOCOL_VIOLATION, message));
        ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        onDisconnect.run();
        super.channelInactive(ctx);
    }
}
