package io.sluice.storage.filesystem;

import static io.sluice.storage.filesystem.FilesystemConnectorFactory.*;
import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.ConnectorOptions;
import io.sluice.storage.s3.S3Settings;
import io.sluice.storage.s3.S3Url;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The filesystem sink's options, parsed. */
record FilesystemSinkConfig(
        LakeLocation location,
        CompressionCodecName compression,
        long rowGroupSize,
        Duration rollingInterval,
        Optional<Duration> inactivityInterval,
        long rollingFileSize,
        Optional<TimePattern> timePattern,
        List<String> partitionFields,
        boolean serialNames,
        Optional<String> filenamePrefix,
        Optional<String> filenameSuffix,
        int multipartPartSize,
        int multipartMaxParts,
        int maxOpenFiles,
        long maxBufferedSize,
        Optional<S3Settings> s3) {

    FilesystemSinkConfig {
        requireNonNull(location, "location is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(rollingInterval, "rollingInterval is null");
        requireNonNull(inactivityInterval, "inactivityInterval is null");
        requireNonNull(timePattern, "timePattern is null");
        partitionFields = List.copyOf(partitionFields);
        requireNonNull(filenamePrefix, "filenamePrefix is null");
        requireNonNull(filenameSuffix, "filenameSuffix is null");
        requireNonNull(s3, "s3 is null");
    }

    /** S3's largest number of parts in one multipart upload. */
    static final int MAX_PARTS_LIMIT = 10_000;

    /** S3's smallest part of a multipart upload, other than the last. */
    static final long MIN_PART_SIZE = 5L << 20;

    /** A local directory or an S3 bucket and key prefix (without trailing slash). */
    sealed interface LakeLocation permits LocalLocation, S3Location {}

    record LocalLocation(Path directory) implements LakeLocation {}

    record S3Location(String bucket, String prefix) implements LakeLocation {}

    static FilesystemSinkConfig from(Map<String, String> options) {
        ConnectorOptions values = new ConnectorOptions(OPTIONS, options);
        LakeLocation location = parseLocation(values.getRequired(PATH));
        Optional<S3Settings> s3 = Optional.empty();
        if (location instanceof S3Location) {
            s3 =
                    Optional.of(
                            new S3Settings(
                                    values.get(S3_ENDPOINT).map(URI::create),
                                    values.getRequired(S3_REGION),
                                    values.get(S3_ACCESS_KEY_ID),
                                    values.get(S3_SECRET_ACCESS_KEY),
                                    values.getBoolean(S3_PATH_STYLE),
                                    values.getDuration(S3_REQUEST_TIMEOUT),
                                    maxAttempts(values.getInt(S3_MAX_ATTEMPTS))));
        }
        return new FilesystemSinkConfig(
                location,
                codec(values.getEnum(PARQUET_COMPRESSION)),
                values.getSize(PARQUET_ROW_GROUP_SIZE),
                values.getDuration(ROLLING_INTERVAL),
                values.get(INACTIVITY_INTERVAL)
                        .map(ignored -> values.getDuration(INACTIVITY_INTERVAL)),
                values.getSize(ROLLING_FILE_SIZE),
                values.get(TIME_PATTERN).map(TimePattern::parse),
                values.get(PARTITION_FIELDS).map(FilesystemSinkConfig::fieldList).orElse(List.of()),
                values.getEnum(FILENAME_STRATEGY).equals("serial"),
                values.get(FILENAME_PREFIX),
                values.get(FILENAME_SUFFIX),
                partSize(values.getSize(MULTIPART_PART_SIZE)),
                maxParts(values.getInt(MULTIPART_MAX_PARTS)),
                positive(MAX_OPEN_FILES, values.getInt(MAX_OPEN_FILES)),
                values.getSize(MAX_BUFFERED_SIZE),
                s3);
    }

    private static List<String> fieldList(String text) {
        List<String> fields = new ArrayList<>();
        for (String field : text.split(",")) {
            String name = field.trim();
            if (!name.isEmpty()) {
                fields.add(name);
            }
        }
        return fields;
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION, option + " must be at least 1, not " + value);
        }
        return value;
    }

    private static int maxAttempts(int attempts) {
        if (attempts < 1 || attempts > 100) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "s3.max_attempts must be between 1 and 100, not " + attempts);
        }
        return attempts;
    }

    private static int maxParts(int parts) {
        if (parts < 1 || parts > MAX_PARTS_LIMIT) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "multipart.max_parts must be between 1 and "
                            + MAX_PARTS_LIMIT
                            + ", not "
                            + parts);
        }
        return parts;
    }

    private static int partSize(long size) {
        if (size < MIN_PART_SIZE || size > Integer.MAX_VALUE) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "multipart.target_part_size must be between 5MB and 2GB, not " + size);
        }
        return (int) size;
    }

    private static CompressionCodecName codec(String name) {
        switch (name) {
            case "zstd":
                return CompressionCodecName.ZSTD;
            case "snappy":
                return CompressionCodecName.SNAPPY;
            case "gzip":
                return CompressionCodecName.GZIP;
            default:
                return CompressionCodecName.UNCOMPRESSED;
        }
    }

    static LakeLocation parseLocation(String path) {
        if (path.startsWith("s3://")) {
            S3Url url = S3Url.parse(path).orElseThrow(() -> invalidPath(path));
            return new S3Location(url.bucket(), url.prefix());
        }
        Path directory;
        if (path.startsWith("file:")) {
            try {
                directory = Path.of(new URI(path));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw invalidPath(path);
            }
        } else {
            directory = Path.of(path);
        }
        if (!directory.isAbsolute()) {
            throw invalidPath(path);
        }
        return new LocalLocation(directory.normalize());
    }

    private static SluiceException invalidPath(String path) {
        return new SluiceException(
                ErrorCode.INVALID_OPTION,
                "path '"
                        + path
                        + "' must be an absolute directory, a file:/// URL or s3://bucket/prefix");
    }
}
