package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TestUtf8 {
    @Test
    void acceptsWellFormedText() {
        byte[] text = "ascii é € 𝄞 \u07FF \uFFFD".getBytes(UTF_8);

        assertThat(Utf8.firstInvalidOffset(text, 0, text.length)).isEqualTo(-1);
    }

    @Test
    void findsMalformedSequences() {
        assertInvalidAt(1, 'a', 0x80); // lone continuation byte
        assertInvalidAt(1, 'a', 0xC0, 0xAF); // overlong two-byte form
        assertInvalidAt(0, 0xE0, 0x80, 0xAF); // overlong three-byte form
        assertInvalidAt(0, 0xED, 0xA0, 0x80); // encoded surrogate
        assertInvalidAt(0, 0xF4, 0x90, 0x80, 0x80); // above U+10FFFF
        assertInvalidAt(0, 0xF5, 0x80, 0x80, 0x80); // invalid lead byte
        assertInvalidAt(2, 'a', 'b', 0xE2, 0x82); // truncated at the end
        assertInvalidAt(0, 0xC3, 0x28); // bad continuation
    }

    @Test
    void checksOnlyTheGivenRange() {
        byte[] bytes = {(byte) 0xFF, 'a', 'b', (byte) 0xFF};

        assertThat(Utf8.firstInvalidOffset(bytes, 1, 3)).isEqualTo(-1);
    }

    private static void assertInvalidAt(int offset, int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        assertThat(Utf8.firstInvalidOffset(bytes, 0, bytes.length)).isEqualTo(offset);
        // The JDK decoder agrees that the sequence is malformed.
        assertThat(new String(bytes, UTF_8)).contains("\uFFFD");
    }
}
