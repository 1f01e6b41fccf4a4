package io.sluice.storage.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: parquet-hadoop's own factory builds Hadoop codecs and a
 * Hadoop {@code Configuration}, which would drag the Hadoop client onto the runtime classpath. Uses
 * zstd-jni and snappy-java (both parquet dependencies already) and the JDK's gzip.
 */
public final class StandaloneCodecFactory implements CompressionCodecFactory {
    /** The zstd level used when none is given: zstd's own default, fast with a good ratio. */
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    private final int zstdLevel;

    public StandaloneCodecFactory(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    public StandaloneCodecFactory() {
        this(DEFAULT_ZSTD_LEVEL);
    }

    /** Whether this factory can compress with {@code codec}. */
    public static boolean supports(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED:
            case ZSTD:
            case SNAPPY:
            case GZIP:
                return true;
            default:
                return false;
        }
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (!supports(codec)) {
            throw new IllegalArgumentException("unsupported Parquet codec " + codec);
        }
        return new Compressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (!supports(codec)) {
            throw new IllegalArgumentException("unsupported Parquet codec " + codec);
        }
        return new Decompressor(codec);
    }

    @Override
    public void release() {}

    private final class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            switch (codec) {
                case UNCOMPRESSED:
                    return bytes;
                case ZSTD:
                    return BytesInput.from(Zstd.compress(bytes.toByteArray(), zstdLevel));
                case SNAPPY:
                    return BytesInput.from(Snappy.compress(bytes.toByteArray()));
                case GZIP:
                    {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                            bytes.writeAllTo(gzip);
                        }
                        return BytesInput.from(out.toByteArray());
                    }
                default:
                    throw new IllegalStateException("unsupported codec " + codec);
            }
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {}
    }

    private static final class Decompressor implements BytesInputDecompressor {
        private final CompressionCodecName codec;

        Decompressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(
                ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(decompress(compressed, uncompressedSize));
        }

        private byte[] decompress(byte[] compressed, int uncompressedSize) throws IOException {
            switch (codec) {
                case UNCOMPRESSED:
                    return compressed;
                case ZSTD:
                    return Zstd.decompress(compressed, uncompressedSize);
                case SNAPPY:
                    return Snappy.uncompress(compressed);
                case GZIP:
                    try (InputStream in =
                            new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                        return in.readNBytes(uncompressedSize);
                    }
                default:
                    throw new IllegalStateException("unsupported codec " + codec);
            }
        }

        @Override
        public void release() {}
    }
}
