package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

final class TestBoundedGzip {
    @Test
    void inflatesBodiesUpToTheLimit() throws Exception {
        byte[] text = "{\"a\":1}".repeat(1000).getBytes(UTF_8);
        byte[] compressed = gzip(text, 1);

        assertThat(BoundedGzip.inflate(compressed, compressed.length, text.length)).isEqualTo(text);
    }

    @Test
    void concatenatedMembersInflateAsOneBody() throws Exception {
        byte[] first = gzip("{\"a\":".getBytes(UTF_8), 1);
        byte[] second = gzip("1}".getBytes(UTF_8), 1);
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(new String(BoundedGzip.inflate(both, both.length, 100), UTF_8))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void refusesOneByteOverTheLimit() throws Exception {
        byte[] compressed = gzip(new byte[1001], 1);

        assertThatThrownBy(() -> BoundedGzip.inflate(compressed, compressed.length, 1000))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BODY_TOO_LARGE));
    }

    @Test
    void refusesABomb() throws Exception {
        // 128 MiB of zeros, one 1 MiB block written again and again: about 128 KiB compressed.
        byte[] compressed = gzip(new byte[1024 * 1024], 128);

        assertThatThrownBy(() -> BoundedGzip.inflate(compressed, compressed.length, 1024 * 1024))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BODY_TOO_LARGE));
    }

    @Test
    void refusesCorruptInput() {
        byte[] garbage = "plain text".getBytes(UTF_8);

        assertThatThrownBy(() -> BoundedGzip.inflate(garbage, garbage.length, 1000))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_GZIP));
    }

    private static byte[] gzip(byte[] block, int repeat) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
            for (int i = 0; i < repeat; i++) {
                gzip.write(block);
            }
        }
        return output.toByteArray();
    }
}
