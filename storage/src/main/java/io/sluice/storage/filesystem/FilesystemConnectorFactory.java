package io.sluice.storage.filesystem;

import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.OptionType;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.TableRole;
import io.sluice.storage.s3.S3TableLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code filesystem} connector: writes a table as Parquet files under a local directory or an
 * S3 prefix. Accepts both the current option names and their older spellings as aliases.
 */
public final class FilesystemConnectorFactory implements ConnectorFactory {
    public static final String NAME = "filesystem";

    static final String PATH = "path";
    static final String FORMAT = "format";
    static final String PARQUET_COMPRESSION = "parquet.compression";
    static final String PARQUET_ROW_GROUP_SIZE = "parquet.row_group_size";
    static final String ROLLING_INTERVAL = "rolling_policy.interval";
    static final String ROLLING_FILE_SIZE = "rolling_policy.file_size";
    static final String INACTIVITY_INTERVAL = "rolling_policy.inactivity_interval";
    static final String TIME_PATTERN = "partitioning.time_pattern";
    static final String PARTITION_FIELDS = "partitioning.fields";
    static final String MULTIPART_PART_SIZE = "multipart.target_part_size";
    static final String MULTIPART_MAX_PARTS = "multipart.max_parts";
    static final String MAX_OPEN_FILES = "max_open_files";
    static final String MAX_BUFFERED_SIZE = "max_buffered_size";
    static final String FILENAME_STRATEGY = "filename.strategy";
    static final String FILENAME_PREFIX = "filename.prefix";
    static final String FILENAME_SUFFIX = "filename.suffix";
    static final String S3_ENDPOINT = "s3.endpoint";
    static final String S3_REGION = "s3.region";
    static final String S3_ACCESS_KEY_ID = "s3.access_key_id";
    static final String S3_SECRET_ACCESS_KEY = "s3.secret_access_key";
    static final String S3_PATH_STYLE = "s3.path_style";
    static final String S3_REQUEST_TIMEOUT = "s3.request_timeout";
    static final String S3_MAX_ATTEMPTS = "s3.max_attempts";

    static final List<OptionSpec> OPTIONS =
            List.of(
                    sink(PATH, OptionType.STRING)
                            .required()
                            .doc(
                                    "Where the files go: an absolute directory ('/data/t' or"
                                            + " 'file:///data/t') or 's3://bucket/prefix'.")
                            .build(),
                    sink(FORMAT, OptionType.ENUM)
                            .defaultValue("parquet")
                            .allowedValues("parquet")
                            .doc("File format; only 'parquet' for now.")
                            .build(),
                    sink(PARQUET_COMPRESSION, OptionType.ENUM)
                            .aliases("parquet_compression")
                            .defaultValue("zstd")
                            .allowedValues("zstd", "snappy", "gzip", "none", "uncompressed")
                            .doc("Parquet page compression.")
                            .build(),
                    sink(PARQUET_ROW_GROUP_SIZE, OptionType.SIZE)
                            .defaultValue("128MB")
                            .doc("Target size of a Parquet row group before compression.")
                            .build(),
                    sink(ROLLING_INTERVAL, OptionType.DURATION)
                            .aliases("rollover_seconds")
                            .defaultValue("30s")
                            .doc(
                                    "Finish a file once it has been open this long. The check"
                                            + " runs at checkpoints, so a file lives at least this"
                                            + " long and at most this plus one checkpoint"
                                            + " interval; it becomes visible at the commit of that"
                                            + " checkpoint.")
                            .build(),
                    sink(INACTIVITY_INTERVAL, OptionType.DURATION)
                            .aliases("inactivity_rollover_seconds")
                            .doc(
                                    "Finish a file at the next checkpoint once no row was"
                                            + " written to it for this long.")
                            .build(),
                    sink(ROLLING_FILE_SIZE, OptionType.SIZE)
                            .aliases("target_file_size")
                            .defaultValue("128MB")
                            .doc(
                                    "Finish a file once it holds this many bytes; it becomes"
                                            + " visible at the commit of the next checkpoint.")
                            .build(),
                    sink(TIME_PATTERN, OptionType.STRING)
                            .aliases("time_partition_pattern")
                            .doc(
                                    "strftime pattern such as '%Y/%m/%d/%H' naming a"
                                            + " subdirectory per event time (UTC). The event time"
                                            + " is the column named 'timestamp' when it is a"
                                            + " TIMESTAMP, else the time the row is written.")
                            .build(),
                    sink(PARTITION_FIELDS, OptionType.STRING)
                            .aliases("partition_fields")
                            .doc(
                                    "Comma-separated columns whose values name Hive-style"
                                            + " subdirectories ('field=value'), after the time"
                                            + " partition; Delta tables record them as partition"
                                            + " columns.")
                            .build(),
                    sink(MULTIPART_PART_SIZE, OptionType.SIZE)
                            .defaultValue("32MB")
                            .doc("Size of the parts of S3 multipart uploads (at least 5MB).")
                            .build(),
                    sink(MAX_OPEN_FILES, OptionType.INTEGER)
                            .defaultValue("256")
                            .doc(
                                    "Most files a sink subtask keeps open (one per partition"
                                            + " directory); beyond it the file written to least"
                                            + " recently is finished early.")
                            .build(),
                    sink(MAX_BUFFERED_SIZE, OptionType.SIZE)
                            .defaultValue("256MB")
                            .doc(
                                    "Most bytes of encoded rows a sink subtask holds in memory"
                                            + " over all its open files; beyond it the largest"
                                            + " buffer is written out as a row group early.")
                            .build(),
                    sink(MULTIPART_MAX_PARTS, OptionType.INTEGER)
                            .defaultValue("10000")
                            .doc(
                                    "Most parts one file may be uploaded in (S3 allows 10000); a"
                                            + " file is finished before it would need more, so"
                                            + " files on S3 are at most"
                                            + " multipart.target_part_size times this.")
                            .build(),
                    sink(FILENAME_STRATEGY, OptionType.ENUM)
                            .defaultValue("uuid")
                            .allowedValues("uuid", "serial")
                            .doc(
                                    "How files are named: 'uuid' (random) or 'serial'"
                                            + " ('<counter>-<subtask>', counting across"
                                            + " restarts).")
                            .build(),
                    sink(FILENAME_PREFIX, OptionType.STRING)
                            .doc("Text before the file id, joined with '-'.")
                            .build(),
                    sink(FILENAME_SUFFIX, OptionType.STRING)
                            .doc(
                                    "Text after the file id, joined with '-'; the name always"
                                            + " ends in '.parquet'.")
                            .build(),
                    sink(S3_ENDPOINT, OptionType.STRING)
                            .aliases("storage.aws_endpoint")
                            .doc(
                                    "Endpoint of an S3-compatible store (MinIO, R2, S3Proxy);"
                                            + " AWS when absent.")
                            .build(),
                    sink(S3_REGION, OptionType.STRING)
                            .aliases("storage.aws_region")
                            .defaultValue("us-east-1")
                            .doc("S3 region.")
                            .build(),
                    sink(S3_ACCESS_KEY_ID, OptionType.STRING)
                            .aliases("storage.aws_access_key_id")
                            .doc(
                                    "S3 access key id; without it the default AWS credential"
                                            + " chain is used.")
                            .build(),
                    sink(S3_SECRET_ACCESS_KEY, OptionType.STRING)
                            .aliases("storage.aws_secret_access_key")
                            .sensitive()
                            .doc("S3 secret access key.")
                            .build(),
                    sink(S3_PATH_STYLE, OptionType.BOOLEAN)
                            .defaultValue("false")
                            .doc(
                                    "Address buckets as 'endpoint/bucket' instead of"
                                            + " 'bucket.endpoint'; most emulators need it.")
                            .build(),
                    sink(S3_REQUEST_TIMEOUT, OptionType.DURATION)
                            .defaultValue("60s")
                            .doc(
                                    "How long one attempt of an S3 request may take before it is"
                                            + " abandoned and retried.")
                            .build(),
                    sink(S3_MAX_ATTEMPTS, OptionType.INTEGER)
                            .defaultValue("10")
                            .doc(
                                    "Attempts per S3 request, the first included, on throttling,"
                                            + " 5xx answers, timeouts and broken connections, with"
                                            + " exponential backoff.")
                            .build());

    private static OptionSpec.Builder sink(String name, OptionType type) {
        return OptionSpec.builder(name, type).roles(TableRole.SINK);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public List<TableRole> roles() {
        return List.of(TableRole.SINK);
    }

    /**
     * The local directory a table with these options is written to; empty when it is on S3.
     *
     * @param options validated options of this connector
     */
    public static Optional<Path> localDirectory(Map<String, String> options) {
        FilesystemSinkConfig.LakeLocation location =
                FilesystemSinkConfig.parseLocation(options.get(PATH));
        return location instanceof FilesystemSinkConfig.LocalLocation local
                ? Optional.of(local.directory())
                : Optional.empty();
    }

    /**
     * The bucket, prefix and S3 settings of a table with these options; empty when it is local.
     *
     * @param options validated options of this connector
     */
    public static Optional<S3TableLocation> s3Location(Map<String, String> options) {
        FilesystemSinkConfig config = FilesystemSinkConfig.from(options);
        return config.location() instanceof FilesystemSinkConfig.S3Location s3
                ? Optional.of(
                        new S3TableLocation(s3.bucket(), s3.prefix(), config.s3().orElseThrow()))
                : Optional.empty();
    }

    /** The columns named by {@code partitioning.fields}, in order. */
    public static List<String> partitionFields(Map<String, String> options) {
        return FilesystemSinkConfig.from(options).partitionFields();
    }

    @Override
    public Sink createSink(SinkContext context) {
        return FilesystemSink.open(context, FilesystemSinkConfig.from(context.options()));
    }
}
