package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Postgres types Sluice speaks, with their text and binary codecs.
 *
 * <p>Java values: BOOL {@link Boolean}; INT2 {@link Short}; INT4 {@link Integer}; INT8 and OID
 * {@link Long}; FLOAT4 {@link Float}; FLOAT8 {@link Double}; NUMERIC {@link java.math.BigDecimal};
 * TEXT, VARCHAR, NAME, CHAR, JSON, JSONB and UNKNOWN {@link String}; BYTEA {@code byte[]}; DATE
 * {@link java.time.LocalDate}; TIME {@link java.time.LocalTime}; TIMESTAMP {@link
 * java.time.LocalDateTime}; TIMESTAMPTZ {@link java.time.OffsetDateTime} (an {@link
 * java.time.Instant} is also accepted); INTERVAL {@link PgInterval} (a {@link java.time.Duration}
 * or {@link java.time.Period} is also accepted); UUID {@link java.util.UUID}; arrays {@link
 * java.util.List} of the element's Java type (also accepted: Object[], int[], long[], double[]).
 * Encoding accepts any {@link Number} for numeric types, and a String for any type (passed through
 * as text, parsed for binary). Timestamps are written with at most 6 fractional digits.
 */
public enum PgType {
    BOOL(16, "bool", 1, TypeCodecs.BOOL),
    BYTEA(17, "bytea", -1, TypeCodecs.BYTEA),
    CHAR(18, "char", 1, TypeCodecs.TEXT),
    NAME(19, "name", 64, TypeCodecs.TEXT),
    INT8(20, "int8", 8, TypeCodecs.INT8),
    INT2(21, "int2", 2, TypeCodecs.INT2),
    INT4(23, "int4", 4, TypeCodecs.INT4),
    TEXT(25, "text", -1, TypeCodecs.TEXT),
    OID(26, "oid", 4, TypeCodecs.OID),
    JSON(114, "json", -1, TypeCodecs.TEXT),
    FLOAT4(700, "float4", 4, TypeCodecs.FLOAT4),
    FLOAT8(701, "float8", 8, TypeCodecs.FLOAT8),
    /** A parameter whose type the client left to the server; its value is the text it sent. */
    UNKNOWN(705, "unknown", -2, TypeCodecs.TEXT),
    VARCHAR(1043, "varchar", -1, TypeCodecs.TEXT),
    DATE(1082, "date", 4, TypeCodecs.DATE),
    TIME(1083, "time", 8, TypeCodecs.TIME),
    TIMESTAMP(1114, "timestamp", 8, TypeCodecs.TIMESTAMP),
    TIMESTAMPTZ(1184, "timestamptz", 8, TypeCodecs.TIMESTAMPTZ),
    INTERVAL(1186, "interval", 16, TypeCodecs.INTERVAL),
    NUMERIC(1700, "numeric", -1, TypeCodecs.NUMERIC),
    UUID(2950, "uuid", 16, TypeCodecs.UUID),
    JSONB(3802, "jsonb", -1, TypeCodecs.JSONB),
    BOOL_ARRAY(1000, "_bool", BOOL),
    INT2_ARRAY(1005, "_int2", INT2),
    INT4_ARRAY(1007, "_int4", INT4),
    TEXT_ARRAY(1009, "_text", TEXT),
    VARCHAR_ARRAY(1015, "_varchar", VARCHAR),
    INT8_ARRAY(1016, "_int8", INT8),
    FLOAT8_ARRAY(1022, "_float8", FLOAT8);

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();

    static {
        for (PgType type : values()) {
            BY_OID.put(type.oid, type);
        }
    }

    private final int oid;
    private final String typeName;
    private final int typeLength;
    private final PgType elementType;
    private final TypeCodecs.Codec<?> codec;

    PgType(int oid, String typeName, int typeLength, TypeCodecs.Codec<?> codec) {
        this.oid = oid;
        this.typeName = typeName;
        this.typeLength = typeLength;
        this.elementType = null;
        this.codec = codec;
    }

    PgType(int oid, String typeName, PgType elementType) {
        this.oid = oid;
        this.typeName = typeName;
        this.typeLength = -1;
        this.elementType = elementType;
        this.codec = new ArrayCodec(elementType);
    }

    public int oid() {
        return oid;
    }

    /** The name in {@code pg_type.typname}. */
    public String typeName() {
        return typeName;
    }

    /** {@code pg_type.typlen}: the fixed size in bytes, or -1 (varlena) / -2 (C string). */
    public int typeLength() {
        return typeLength;
    }

    /** The element type of an array type. */
    public Optional<PgType> elementType() {
        return Optional.ofNullable(elementType);
    }

    /** The type with this OID, or {@link #UNKNOWN} for 0 and for types not listed here. */
    public static PgType fromOid(int oid) {
        return BY_OID.getOrDefault(oid, UNKNOWN);
    }

    /** Encodes a non-null value in the given format. */
    public byte[] encode(Object value, PgFormat format) {
        requireNonNull(value, "value is null");
        if (format == PgFormat.TEXT) {
            return encodeText(value).getBytes(UTF_8);
        }
        return encodeBinary(codec, value);
    }

    /** The text form of a non-null value, as Postgres prints it. */
    public String encodeText(Object value) {
        requireNonNull(value, "value is null");
        if (value instanceof String text) {
            return text;
        }
        return formatText(codec, value);
    }

    /** Decodes a non-null value received in the given format. */
    public Object decode(byte[] bytes, PgFormat format) {
        requireNonNull(bytes, "bytes is null");
        try {
            if (format == PgFormat.TEXT) {
                return codec.parseText(new String(bytes, UTF_8));
            }
            return codec.fromBinary(bytes);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            String sqlState =
                    format == PgFormat.TEXT
                            ? PgSqlState.INVALID_TEXT_REPRESENTATION
                            : PgSqlState.INVALID_BINARY_REPRESENTATION;
            throw new PgException(
                    sqlState,
                    "invalid "
                            + format.name().toLowerCase(java.util.Locale.ROOT)
                            + " value for type "
                            + typeName
                            + ": "
                            + e.getMessage());
        }
    }

    private static <T> byte[] encodeBinary(TypeCodecs.Codec<T> codec, Object value) {
        return codec.toBinary(codec.coerce(value));
    }

    private static <T> String formatText(TypeCodecs.Codec<T> codec, Object value) {
        return codec.formatText(codec.coerce(value));
    }
}
