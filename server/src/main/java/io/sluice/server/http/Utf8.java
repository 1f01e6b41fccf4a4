package io.sluice.server.http;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. The
 * JSON parser only decodes what it reads as text, so the bytes are checked up front.
 */
final class Utf8 {
    private Utf8() {}

    /** The offset of the first byte of the first invalid sequence, or -1 when all are valid. */
    static int firstInvalidOffset(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int length;
            int lowest;
            int highest = 0xBF;
            if ((b & 0xE0) == 0xC0) {
                length = 2;
                lowest = (b & 0xFF) < 0xC2 ? 0x100 : 0x80;
            } else if ((b & 0xF0) == 0xE0) {
                length = 3;
                int lead = b & 0xFF;
                // E0 needs A0..BF (else overlong), ED needs 80..9F (else a surrogate).
                lowest = lead == 0xE0 ? 0xA0 : 0x80;
                highest = lead == 0xED ? 0x9F : 0xBF;
            } else if ((b & 0xF8) == 0xF0 && (b & 0xFF) <= 0xF4) {
                length = 4;
                int lead = b & 0xFF;
                // F0 needs 90..BF (else overlong), F4 needs 80..8F (else above U+10FFFF).
                lowest = lead == 0xF0 ? 0x90 : 0x80;
                highest = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
            if (i + length > to) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < lowest || second > highest) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
