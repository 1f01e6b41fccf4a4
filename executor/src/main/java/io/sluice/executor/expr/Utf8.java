package io.sluice.executor.expr;

/** Character arithmetic on UTF-8 bytes. */
final class Utf8 {
    private static final byte[] HEX =
            "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Utf8() {}

    /** Whether {@code b} starts a character (is not a continuation byte). */
    static boolean isLead(byte b) {
        return (b & 0xC0) != 0x80;
    }

    static int charCount(byte[] bytes, int length) {
        int count = 0;
        for (int i = 0; i < length; i++) {
            if (isLead(bytes[i])) {
                count++;
            }
        }
        return count;
    }

    /**
     * The byte offset where character {@code index} (0-based) starts, or {@code length} when the
     * text has fewer characters.
     */
    static int offsetOfChar(byte[] bytes, int length, long index) {
        long seen = -1;
        for (int i = 0; i < length; i++) {
            if (isLead(bytes[i]) && ++seen == index) {
                return i;
            }
        }
        return length;
    }

    static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code needle} in {@code haystack[from..length)}, or -1. */
    static int indexOf(byte[] haystack, int length, byte[] needle, int needleLength, int from) {
        if (needleLength == 0) {
            return from <= length ? from : -1;
        }
        byte first = needle[0];
        int last = length - needleLength;
        outer:
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needleLength; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Lower-case hex of {@code bytes}. */
    static byte[] hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return out;
    }
}
