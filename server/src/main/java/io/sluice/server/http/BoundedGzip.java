package io.sluice.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a gzip body up to a limit. Inflation stops as soon as the output passes the limit, so a
 * small body that would inflate to gigabytes (a gzip bomb) costs at most the limit in memory and
 * time.
 */
final class BoundedGzip {
    private static final int CHUNK_BYTES = 16 * 1024;

    private BoundedGzip() {}

    static byte[] inflate(byte[] compressed, int compressedLength, int maxInflatedBytes)
            throws RejectedRequestException {
        byte[] output =
                new byte
                        [Math.min(
                                maxInflatedBytes + 1, Math.max(CHUNK_BYTES, 4 * compressedLength))];
        int length = 0;
        try (InputStream input =
                new GZIPInputStream(
                        new ByteArrayInputStream(compressed, 0, compressedLength), CHUNK_BYTES)) {
            while (true) {
                if (length == output.length) {
                    if (length > maxInflatedBytes) {
                        throw new RejectedRequestException(
                                RejectReason.BODY_TOO_LARGE,
                                "decompressed body exceeds " + maxInflatedBytes + " bytes");
                    }
                    output =
                            Arrays.copyOf(
                                    output, (int) Math.min(maxInflatedBytes + 1L, 2L * length));
                }
                int read = input.read(output, length, output.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (IOException e) {
            throw new RejectedRequestException(
                    RejectReason.INVALID_GZIP, "invalid gzip body: " + e.getMessage());
        }
        if (length > maxInflatedBytes) {
            throw new RejectedRequestException(
                    RejectReason.BODY_TOO_LARGE,
                    "decompressed body exceeds " + maxInflatedBytes + " bytes");
        }
        return length == output.length ? output : Arrays.copyOf(output, length);
    }
}
