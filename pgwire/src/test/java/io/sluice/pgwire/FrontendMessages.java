package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;

/** Builds frontend messages byte for byte, as a client would put them on the wire. */
final class FrontendMessages {
    static final int PROTOCOL_3_0 = 3 << 16;
    static final int PROTOCOL_3_2 = (3 << 16) | 2;

    private FrontendMessages() {}

    static ByteBuf startup(Map<String, String> parameters) {
        return startup(PROTOCOL_3_0, parameters);
    }

    static ByteBuf startup(int version, Map<String, String> parameters) {
        ByteBuf body = Unpooled.buffer();
        body.writeInt(version);
        parameters.forEach(
                (name, value) -> {
                    writeCString(body, name);
                    writeCString(body, value);
                });
        body.writeByte(0);
        ByteBuf packet = Unpooled.buffer();
        packet.writeInt(body.readableBytes() + 4);
        packet.writeBytes(body);
        return packet;
    }

    static ByteBuf sslRequest() {
        return Unpooled.buffer().writeInt(8).writeInt(PgDecoder.SSL_REQUEST_CODE);
    }

    static ByteBuf gssEncRequest() {
        return Unpooled.buffer().writeInt(8).writeInt(PgDecoder.GSSENC_REQUEST_CODE);
    }

    static ByteBuf query(String sql) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, sql);
        return message('Q', body);
    }

    static ByteBuf parse(String name, String sql, List<PgType> types) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, name);
        writeCString(body, sql);
        body.writeShort(types.size());
        types.forEach(type -> body.writeInt(type.oid()));
        return message('P', body);
    }

    /** A Bind with text parameters (null for SQL NULL) and results in the given format. */
    static ByteBuf bind(
            String portal, String statement, List<String> parameters, PgFormat resultFormat) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, portal);
        writeCString(body, statement);
        body.writeShort(0); // every parameter in text
        body.writeShort(parameters.size());
        for (String parameter : parameters) {
            if (parameter == null) {
                body.writeInt(-1);
            } else {
                byte[] bytes = parameter.getBytes(UTF_8);
                body.writeInt(bytes.length);
                body.writeBytes(bytes);
            }
        }
        body.writeShort(1);
        body.writeShort(resultFormat.code());
        return message('B', body);
    }

    static ByteBuf describe(char kind, String name) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(kind);
        writeCString(body, name);
        return message('D', body);
    }

    static ByteBuf execute(String portal, int maxRows) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, portal);
        body.writeInt(maxRows);
        return message('E', body);
    }

    static ByteBuf close(char kind, String name) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(kind);
        writeCString(body, name);
        return message('C', body);
    }

    static ByteBuf sync() {
        return message('S', Unpooled.EMPTY_BUFFER);
    }

    static ByteBuf flush() {
        return message('H', Unpooled.EMPTY_BUFFER);
    }

    static ByteBuf terminate() {
        return message('X', Unpooled.EMPTY_BUFFER);
    }

    static ByteBuf saslInitialResponse(String mechanism, String data) {
        ByteBuf body = Unpooled.buffer();
        writeCString(body, mechanism);
        byte[] bytes = data.getBytes(UTF_8);
        body.writeInt(bytes.length);
        body.writeBytes(bytes);
        return message('p', body);
    }

    static ByteBuf saslResponse(String data) {
        return message('p', Unpooled.wrappedBuffer(data.getBytes(UTF_8)));
    }

    /** A message with any type byte and body; the length is computed. */
    static ByteBuf message(char type, ByteBuf body) {
        ByteBuf message = Unpooled.buffer(5 + body.readableBytes());
        message.writeByte(type);
        message.writeInt(4 + body.readableBytes());
        message.writeBytes(body);
        return message;
    }

    private static void writeCString(ByteBuf out, String value) {
        out.writeCharSequence(value, UTF_8);
        out.writeByte(0);
    }
}
