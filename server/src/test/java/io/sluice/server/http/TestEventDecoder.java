package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.http.DecodedBody.IndexedRejection;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestEventDecoder {
    private final EventDecoder decoder = new EventDecoder(64, 3);

    @Test
    void singleEventKeepsTheClientBytesWithoutSurroundingWhitespace() throws Exception {
        DecodedBody decoded = decode(" \n{ \"a\" : [1, {\"b\": \"é\"}] }\r\n", BodyFormat.JSON);

        assertThat(decoded.batch()).isFalse();
        assertThat(values(decoded)).containsExactly("{ \"a\" : [1, {\"b\": \"é\"}] }");
    }

    @Test
    void arrayElementsAreSlicedExactly() throws Exception {
        DecodedBody decoded =
                decode("[ {\"x\":\"ü\"} ,{\"y\":[{}]},\n{\"z\":null} ]", BodyFormat.JSON);

        assertThat(decoded.batch()).isTrue();
        assertThat(values(decoded))
                .containsExactly("{\"x\":\"ü\"}", "{\"y\":[{}]}", "{\"z\":null}");
        assertThat(decoded.rejections()).isEmpty();
    }

    @Test
    void arrayRejectsScalarsNestedArraysDeepAndLargeEventsOneByOne() throws Exception {
        String large = "{\"p\":\"" + "x".repeat(64) + "\"}";
        DecodedBody decoded =
                decode(
                        "[1, [2, {}], {\"a\":{\"b\":{\"c\":{}}}}, " + large + ", {\"ok\":true}]",
                        BodyFormat.JSON);

        assertThat(values(decoded)).containsExactly("{\"ok\":true}");
        assertThat(decoded.rejections())
                .extracting(IndexedRejection::index, rejection -> rejection.rejection().reason())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, RejectReason.NOT_AN_OBJECT),
                        org.assertj.core.groups.Tuple.tuple(1, RejectReason.NOT_AN_OBJECT),
                        org.assertj.core.groups.Tuple.tuple(2, RejectReason.TOO_DEEP),
                        org.assertj.core.groups.Tuple.tuple(3, RejectReason.EVENT_TOO_LARGE));
    }

    @Test
    void depthAtTheLimitIsAccepted() throws Exception {
        assertThat(values(decode("{\"a\":{\"b\":{}}}", BodyFormat.JSON))).hasSize(1);
        assertThatThrownBy(() -> decode("{\"a\":{\"b\":[[]]}}", BodyFormat.JSON))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_DEEP));
    }

    @Test
    void trailingContentAfterASingleEventIsInvalid() {
        assertThatThrownBy(() -> decode("{\"a\":1}\n{\"a\":2}", BodyFormat.JSON))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(RejectReason.INVALID_JSON);
                            assertThat(e.getMessage())
                                    .startsWith("invalid JSON at line 2 column 1");
                        });
    }

    @Test
    void syntaxErrorInAnArrayRefusesTheWholeBody() {
        assertThatThrownBy(() -> decode("[{\"a\":1}, {\"a\":]", BodyFormat.JSON))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_JSON));
    }

    @Test
    void emptyBodiesAreRefused() {
        assertThatThrownBy(() -> decode(" \n", BodyFormat.JSON))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.EMPTY_BODY));
        assertThatThrownBy(() -> decode("\n\n", BodyFormat.NDJSON))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.EMPTY_BODY));
    }

    @Test
    void ndjsonLinesStandAlone() throws Exception {
        byte[] badUtf8Line = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        byte[] body =
                concat(
                        "{\"a\":1}\r\n".getBytes(UTF_8),
                        badUtf8Line,
                        "\n{\"a\":2} {\"a\":3}\n  {\"a\":4}  ".getBytes(UTF_8));

        DecodedBody decoded = decoder.decode(body, body.length, BodyFormat.NDJSON);

        assertThat(values(decoded)).containsExactly("{\"a\":1}", "{\"a\":4}");
        assertThat(decoded.rejections())
                .extracting(IndexedRejection::index, rejection -> rejection.rejection().reason())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, RejectReason.INVALID_UTF8),
                        org.assertj.core.groups.Tuple.tuple(2, RejectReason.INVALID_JSON));
    }

    private DecodedBody decode(String body, BodyFormat format) throws RejectedRequestException {
        byte[] bytes = body.getBytes(UTF_8);
        return decoder.decode(bytes, bytes.length, format);
    }

    private static List<String> values(DecodedBody decoded) {
        return decoded.events().stream().map(event -> new String(event.value(), UTF_8)).toList();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            output.writeBytes(part);
        }
        return output.toByteArray();
    }
}
