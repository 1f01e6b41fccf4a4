package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PgTypeTest {
    @Test
    void binaryRoundTrips() {
        assertRoundTrip(PgType.BOOL, true);
        assertRoundTrip(PgType.INT2, (short) -7);
        assertRoundTrip(PgType.INT4, 123456);
        assertRoundTrip(PgType.INT8, Long.MIN_VALUE);
        assertRoundTrip(PgType.FLOAT4, 1.25f);
        assertRoundTrip(PgType.FLOAT8, -3.5e-12);
        assertRoundTrip(PgType.TEXT, "héllo");
        assertRoundTrip(PgType.JSONB, "{\"a\":1}");
        assertRoundTrip(PgType.DATE, LocalDate.of(1970, 1, 1));
        assertRoundTrip(PgType.TIME, LocalTime.of(23, 59, 59, 999_999_000));
        assertRoundTrip(PgType.TIMESTAMP, LocalDateTime.of(1999, 1, 2, 3, 4, 5, 6000));
        assertRoundTrip(
                PgType.TIMESTAMPTZ, OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.UTC));
        assertRoundTrip(PgType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertRoundTrip(PgType.INTERVAL, new PgInterval(14, 3, 4_005_006_000L));
        assertRoundTrip(PgType.INT4_ARRAY, Arrays.asList(1, null, 3));
        assertRoundTrip(PgType.TEXT_ARRAY, List.of("a", "b c", ""));
        for (String number :
                List.of("0", "1", "-1.50", "12345678.9", "0.0001", "10000", "-0.00001230")) {
            assertRoundTrip(PgType.NUMERIC, new BigDecimal(number));
        }
    }

    @Test
    void numericBinaryMatchesPostgresLayout() {
        // 12345.678 = digits [1, 2345, 6780], weight 1, dscale 3
        byte[] bytes = PgType.NUMERIC.encode(new BigDecimal("12345.678"), PgFormat.BINARY);
        assertThat(bytes).containsExactly(0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1A, 0x7C);
    }

    @Test
    void textFormatsLikePostgres() {
        assertThat(PgType.TIMESTAMP.encodeText(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789)))
                .isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(PgType.TIMESTAMP.encodeText(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000)))
                .isEqualTo("2024-01-02 03:04:05.5");
        assertThat(PgType.TIMESTAMPTZ.encodeText(Instant.parse("2024-01-02T03:04:05Z")))
                .isEqualTo("2024-01-02 03:04:05+00");
        assertThat(
                        PgType.TIMESTAMPTZ.encodeText(
                                OffsetDateTime.of(
                                        2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30))))
                .isEqualTo("2024-01-02 03:04:05+05:30");
        assertThat(PgType.BOOL.encodeText(false)).isEqualTo("f");
        assertThat(PgType.FLOAT8.encodeText(2.0)).isEqualTo("2");
        assertThat(PgType.BYTEA.encodeText(new byte[] {1, (byte) 0xAB})).isEqualTo("\\x01ab");
        assertThat(PgType.INTERVAL.encodeText(new PgInterval(14, 3, 4_005_006_000L)))
                .isEqualTo("1 year 2 mons 3 days 01:06:45.006");
        assertThat(PgType.TEXT_ARRAY.encodeText(Arrays.asList("a", null, "b,c", "q\"")))
                .isEqualTo("{a,NULL,\"b,c\",\"q\\\"\"}");
    }

    @Test
    void textParsing() {
        assertThat(decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05.5+01"))
                .isEqualTo(
                        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.ofHours(1)));
        assertThat(decodeText(PgType.TIMESTAMP, "2024-01-02 03:04:05+01"))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(decodeText(PgType.INTERVAL, "1 day -02:00:00"))
                .isEqualTo(new PgInterval(0, 1, -7_200_000_000L));
        assertThat(decodeText(PgType.INT4_ARRAY, "{1, NULL ,3}"))
                .isEqualTo(Arrays.asList(1, null, 3));
        assertThat(decodeText(PgType.BOOL, "true")).isEqualTo(true);
        assertThatThrownBy(() -> decodeText(PgType.INT4, "x"))
                .isInstanceOfSatisfying(
                        PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
    }

    @Test
    void unknownOidMapsToUnknown() {
        assertThat(PgType.fromOid(0)).isEqualTo(PgType.UNKNOWN);
        assertThat(PgType.fromOid(600)).isEqualTo(PgType.UNKNOWN);
        assertThat(PgType.fromOid(1184)).isEqualTo(PgType.TIMESTAMPTZ);
    }

    private static Object decodeText(PgType type, String text) {
        return type.decode(text.getBytes(UTF_8), PgFormat.TEXT);
    }

    private static void assertRoundTrip(PgType type, Object value) {
        for (PgFormat format : PgFormat.values()) {
            assertThat(type.decode(type.encode(value, format), format))
                    .as("%s %s", type, format)
                    .isEqualTo(value);
        }
    }
}
