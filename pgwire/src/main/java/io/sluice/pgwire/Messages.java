package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Encodes backend messages into a buffer: one byte of type, an int32 length that counts itself, and
 * the body.
 */
final class Messages {
    private static final int AUTH_OK = 0;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;

    private Messages() {}

    static void authenticationOk(ByteBuf out) {
        int start = begin(out, 'R');
        out.writeInt(AUTH_OK);
        end(out, start);
    }

    static void authenticationSasl(ByteBuf out, List<String> mechanisms) {
        int start = begin(out, 'R');
        out.writeInt(AUTH_SASL);
        for (String mechanism : mechanisms) {
            writeCString(out, mechanism);
        }
        out.writeByte(0);
        end(out, start);
    }

    static void authenticationSaslContinue(ByteBuf out, String data) {
        int start = begin(out, 'R');
        out.writeInt(AUTH_SASL_CONTINUE);
        out.writeCharSequence(data, UTF_8);
        end(out, start);
    }

    static void authenticationSaslFinal(ByteBuf out, String data) {
        int start = begin(out, 'R');
        out.writeInt(AUTH_SASL_FINAL);
        out.writeCharSequence(data, UTF_8);
        end(out, start);
    }

    static void negotiateProtocolVersion(ByteBuf out, int newestMinor, List<String> unsupported) {
        int start = begin(out, 'v');
        out.writeInt((3 << 16) | newestMinor);
        out.writeInt(unsupported.size());
        unsupported.forEach(option -> writeCString(out, option));
        end(out, start);
    }

    static void parameterStatus(ByteBuf out, String name, String value) {
        int start = begin(out, 'S');
        writeCString(out, name);
        writeCString(out, value);
        end(out, start);
    }

    static void backendKeyData(ByteBuf out, int processId, int secretKey) {
        int start = begin(out, 'K');
        out.writeInt(processId);
        out.writeInt(secretKey);
        end(out, start);
    }

    static void readyForQuery(ByteBuf out, TransactionStatus status) {
        int start = begin(out, 'Z');
        out.writeByte(status.code());
        end(out, start);
    }

    static void parseComplete(ByteBuf out) {
        empty(out, '1');
    }

    static void bindComplete(ByteBuf out) {
        empty(out, '2');
    }

    static void closeComplete(ByteBuf out) {
        empty(out, '3');
    }

    static void noData(ByteBuf out) {
        empty(out, 'n');
    }

    static void portalSuspended(ByteBuf out) {
        empty(out, 's');
    }

    static void emptyQueryResponse(ByteBuf out) {
        empty(out, 'I');
    }

    static void parameterDescription(ByteBuf out, List<PgType> types) {
        int start = begin(out, 't');
        out.writeShort(types.size());
        for (PgType type : types) {
            out.writeInt(type.oid());
        }
        end(out, start);
    }

    static void rowDescription(ByteBuf out, List<PgColumn> columns, List<PgFormat> formats) {
        int start = begin(out, 'T');
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            PgColumn column = columns.get(i);
            writeCString(out, column.name());
            out.writeInt(0); // table oid
            out.writeShort(0); // attribute number
            out.writeInt(column.type().oid());
            out.writeShort(column.type().typeLength());
            out.writeInt(-1); // type modifier
            out.writeShort(formats.get(i).code());
        }
        end(out, start);
    }

    static void dataRow(ByteBuf out, Object[] row, List<PgColumn> columns, List<PgFormat> formats) {
        if (row.length != columns.size()) {
            throw new PgException(
                    PgSqlState.INTERNAL_ERROR,
                    "row has " + row.length + " values but " + columns.size() + " columns");
        }
        int start = begin(out, 'D');
        out.writeShort(row.length);
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                out.writeInt(-1);
                continue;
            }
            byte[] bytes = columns.get(i).type().encode(value, formats.get(i));
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        }
        end(out, start);
    }

    static void commandComplete(ByteBuf out, String tag) {
        int start = begin(out, 'C');
        writeCString(out, tag);
        end(out, start);
    }

    static void errorResponse(ByteBuf out, PgException error) {
        int start = begin(out, 'E');
        writeField(out, 'S', error.severity().name());
        writeField(out, 'V', error.severity().name());
        writeField(out, 'C', error.sqlState());
        writeField(out, 'M', error.getMessage());
        error.detail().ifPresent(detail -> writeField(out, 'D', detail));
        error.hint().ifPresent(hint -> writeField(out, 'H', hint));
        if (error.position().isPresent()) {
            writeField(out, 'P', Integer.toString(error.position().getAsInt()));
        }
        out.writeByte(0);
        end(out, start);
    }

    static void noticeResponse(ByteBuf out, PgNotice notice) {
        int start = begin(out, 'N');
        writeField(out, 'S', notice.severity().name());
        writeField(out, 'V', notice.severity().name());
        writeField(out, 'C', notice.sqlState());
        writeField(out, 'M', notice.message());
        out.writeByte(0);
        end(out, start);
    }

    private static void writeField(ByteBuf out, char code, String value) {
        out.writeByte(code);
        writeCString(out, value);
    }

    private static void empty(ByteBuf out, char type) {
        out.writeByte(type);
        out.writeInt(4);
    }

    private static int begin(ByteBuf out, char type) {
        out.writeByte(type);
        int start = out.writerIndex();
        out.writeInt(0);
        return start;
    }

    private static void end(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start);
    }

    private static void writeCString(ByteBuf out, String value) {
        // A NUL inside would end the string early on the client.
        out.writeCharSequence(value.indexOf('\0') >= 0 ? value.replace("\0", "") : value, UTF_8);
        out.writeByte(0);
    }
}
