package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One backend message read back from the wire, with accessors for the fields tests look at. */
record BackendMessage(char type, byte[] body) {
    BackendMessage {
        requireNonNull(body, "body is null");
    }

    /** Splits bytes the server wrote into messages; fails on a trailing partial message. */
    static List<BackendMessage> split(ByteBuf bytes) {
        List<BackendMessage> messages = new ArrayList<>();
        while (bytes.isReadable()) {
            char type = (char) bytes.readByte();
            int length = bytes.readInt();
            byte[] body = new byte[length - 4];
            bytes.readBytes(body);
            messages.add(new BackendMessage(type, body));
        }
        return messages;
    }

    /** The authentication request code of an 'R' message (0 ok, 10 SASL, 11 continue, 12 final). */
    int authenticationCode() {
        return buffer().readInt();
    }

    /** The SASL payload of an 'R' message after its code. */
    String saslData() {
        ByteBuf buffer = buffer();
        buffer.skipBytes(4);
        return buffer.toString(UTF_8);
    }

    /** Name and value of a ParameterStatus. */
    Map.Entry<String, String> parameter() {
        List<String> strings = cStrings();
        return Map.entry(strings.get(0), strings.get(1));
    }

    /** The fields of an ErrorResponse or NoticeResponse, by code. */
    Map<Character, String> fields() {
        Map<Character, String> fields = new LinkedHashMap<>();
        ByteBuf buffer = buffer();
        while (buffer.isReadable()) {
            char code = (char) buffer.readByte();
            if (code == 0) {
                break;
            }
            fields.put(code, readCString(buffer));
        }
        return fields;
    }

    String sqlState() {
        return fields().get('C');
    }

    /** The text of a CommandComplete tag. */
    String tag() {
        return readCString(buffer());
    }

    /** The status byte of a ReadyForQuery. */
    char transactionStatus() {
        return (char) body[0];
    }

    /** The values of a DataRow in text, null for SQL NULL. */
    List<String> textValues() {
        ByteBuf buffer = buffer();
        int count = buffer.readUnsignedShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = buffer.readInt();
            values.add(length < 0 ? null : buffer.readCharSequence(length, UTF_8).toString());
        }
        return values;
    }

    /** Column names of a RowDescription. */
    List<String> columnNames() {
        ByteBuf buffer = buffer();
        int count = buffer.readUnsignedShort();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(readCString(buffer));
            buffer.skipBytes(18);
        }
        return names;
    }

    /** Parameter type oids of a ParameterDescription. */
    List<Integer> parameterOids() {
        ByteBuf buffer = buffer();
        int count = buffer.readUnsignedShort();
        List<Integer> oids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            oids.add(buffer.readInt());
        }
        return oids;
    }

    private List<String> cStrings() {
        ByteBuf buffer = buffer();
        List<String> strings = new ArrayList<>();
        while (buffer.isReadable()) {
            strings.add(readCString(buffer));
        }
        return strings;
    }

    private ByteBuf buffer() {
        return Unpooled.wrappedBuffer(body);
    }

    private static String readCString(ByteBuf buffer) {
        int end = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) 0);
        String value = buffer.toString(buffer.readerIndex(), end - buffer.readerIndex(), UTF_8);
        buffer.readerIndex(end + 1);
        return value;
    }

    @Override
    public String toString() {
        return "BackendMessage{" + type + ", " + body.length + " bytes}";
    }
}
