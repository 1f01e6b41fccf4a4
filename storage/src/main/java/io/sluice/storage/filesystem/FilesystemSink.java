package io.sluice.storage.filesystem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.executor.spi.SinkContext;
import io.sluice.storage.parquet.ArrowParquetWriter;
import io.sluice.storage.s3.S3Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one subtask's rows as Parquet files, one open file per time partition.
 *
 * <p>Durability: files are finished (footer written, forced to disk, renamed or uploaded) only at
 * checkpoint barriers, when the rolling policy says they are due. The checkpoint reports all rows
 * durable only when no file is left open; otherwise it stays pending, so the sources' positions are
 * not advanced past rows that live only in unfinished files. After a crash those files are deleted
 * on open and their rows are read again.
 */
public final class FilesystemSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(FilesystemSink.class);

    /** System property naming the local directory S3 sinks stage their files in. */
    public static final String STAGING_DIRECTORY_PROPERTY = "sluice.staging.dir";

    private static final String EVENT_TIME_COLUMN = "timestamp";

    private final SinkContext context;
    private final FilesystemSinkConfig config;
    private final FileDestination destination;
    private final OptionalInt eventTimeColumn;
    private final Map<String, OpenFile> openFiles = new LinkedHashMap<>();
    private long nextSerial;
    private long lastPartitionSecond = Long.MIN_VALUE;
    private String lastPartition = "";

    private FilesystemSink(
            SinkContext context,
            FilesystemSinkConfig config,
            FileDestination destination,
            long nextSerial) {
        this.context = requireNonNull(context, "context is null");
        this.config = requireNonNull(config, "config is null");
        this.destination = requireNonNull(destination, "destination is null");
        this.eventTimeColumn = eventTimeColumn(context.schema());
        this.nextSerial = nextSerial;
    }

    static FilesystemSink open(SinkContext context, FilesystemSinkConfig config) {
        FileDestination destination;
        if (config.location() instanceof FilesystemSinkConfig.LocalLocation local) {
            destination =
                    new LocalDestination(
                            local.directory(), context.subtask(), context.parallelism());
        } else {
            FilesystemSinkConfig.S3Location s3 =
                    (FilesystemSinkConfig.S3Location) config.location();
            destination =
                    new S3Destination(
                            S3Clients.create(config.s3().orElseThrow()),
                            s3.bucket(),
                            s3.prefix(),
                            stagingDirectory(context));
        }
        destination.removeLeftovers();
        long nextSerial = context.restoredState().map(FilesystemSink::decodeSerial).orElse(0L);
        return new FilesystemSink(context, config, destination, nextSerial);
    }

    private static Path stagingDirectory(SinkContext context) {
        String configured = System.getProperty(STAGING_DIRECTORY_PROPERTY);
        Path root =
                configured != null
                        ? Path.of(configured)
                        : Path.of(System.getProperty("java.io.tmpdir"), "sluice-staging");
        return root.resolve(safe(context.pipeline()))
                .resolve(safe(context.operatorId()))
                .resolve(Integer.toString(context.subtask()));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static OptionalInt eventTimeColumn(RowSchema schema) {
        OptionalInt index = schema.indexOf(EVENT_TIME_COLUMN);
        if (index.isPresent()) {
            TypeKind kind = schema.column(index.getAsInt()).type().kind();
            if (kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ) {
                return index;
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public void write(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        if (config.timePattern().isEmpty()) {
            OpenFile file = fileFor("");
            for (int row = 0; row < rows; row++) {
                file.writer.write(batch, row);
            }
            return;
        }
        long processingMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        TimeStampVector eventTime =
                eventTimeColumn.isPresent()
                        ? (TimeStampVector) batch.getVector(eventTimeColumn.getAsInt())
                        : null;
        for (int row = 0; row < rows; row++) {
            long micros =
                    eventTime == null || eventTime.isNull(row)
                            ? processingMicros
                            : eventTime.get(row);
            fileFor(partition(micros)).writer.write(batch, row);
        }
    }

    private String partition(long micros) {
        long second = Math.floorDiv(micros, 1_000_000L);
        if (second != lastPartitionSecond) {
            lastPartition = config.timePattern().orElseThrow().format(micros);
            lastPartitionSecond = second;
        }
        return lastPartition;
    }

    private OpenFile fileFor(String partition) {
        OpenFile file = openFiles.get(partition);
        if (file == null) {
            String name = nextName();
            Path path = destination.inProgressFile(partition, name);
            ArrowParquetWriter writer;
            try {
                writer =
                        ArrowParquetWriter.create(
                                path,
                                context.schema(),
                                config.compression(),
                                config.rowGroupSize());
            } catch (UncheckedIOException e) {
                throw new SluiceException(
                        ErrorCode.EXTERNAL_ERROR,
                        "cannot create file "
                                + path
                                + " for table "
                                + context.table()
                                + ": "
                                + e.getCause().getMessage(),
                        e);
            }
            file = new OpenFile(partition, name, path, writer, Instant.now());
            openFiles.put(partition, file);
        }
        return file;
    }

    private String nextName() {
        StringBuilder name = new StringBuilder();
        config.filenamePrefix().ifPresent(prefix -> name.append(prefix).append('-'));
        if (config.serialNames()) {
            name.append(String.format(Locale.ROOT, "%05d-%03d", nextSerial++, context.subtask()));
        } else {
            name.append(UUID.randomUUID());
        }
        config.filenameSuffix().ifPresent(suffix -> name.append('-').append(suffix));
        return name.append(".parquet").toString();
    }

    @Override
    public SinkCheckpoint checkpoint(long epoch, Instant now) {
        Duration interval = config.rollingInterval();
        for (Iterator<OpenFile> iterator = openFiles.values().iterator(); iterator.hasNext(); ) {
            OpenFile file = iterator.next();
            boolean due =
                    Duration.between(file.openedAt, now).compareTo(interval) >= 0
                            || file.writer.dataSize() >= config.rollingFileSize();
            if (due) {
                iterator.remove();
                finish(file);
            }
        }
        byte[] state = config.serialNames() ? encodeSerial(nextSerial) : new byte[0];
        return new SinkCheckpoint(openFiles.isEmpty(), state);
    }

    private void finish(OpenFile file) {
        try {
            file.writer.close();
            destination.publish(file.path, file.partition, file.name);
        } catch (UncheckedIOException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot finish file "
                            + file.name
                            + " of table "
                            + context.table()
                            + ": "
                            + e.getCause().getMessage(),
                    e);
        }
        log.debug(
                "Finished {} ({} rows) of table {}",
                file.name,
                file.writer.rowCount(),
                context.table());
    }

    /** Number of files open now; for tests and metrics. */
    public int openFileCount() {
        return openFiles.size();
    }

    /**
     * Drops unfinished files: their rows were not reported durable, so they are read again after a
     * restart.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (OpenFile file : openFiles.values()) {
            try {
                file.writer.close();
                Files.deleteIfExists(file.path);
            } catch (IOException e) {
                failures.add(new UncheckedIOException(e));
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        openFiles.clear();
        destination.close();
        if (!failures.isEmpty()) {
            log.warn(
                    "Could not remove unfinished files of table {}",
                    context.table(),
                    failures.get(0));
        }
    }

    private static byte[] encodeSerial(long nextSerial) {
        return ("{\"next_serial\":" + nextSerial + "}").getBytes(UTF_8);
    }

    private static long decodeSerial(byte[] state) {
        String text = new String(state, UTF_8).trim();
        if (text.isEmpty()) {
            return 0;
        }
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static final class OpenFile {
        final String partition;
        final String name;
        final Path path;
        final ArrowParquetWriter writer;
        final Instant openedAt;

        OpenFile(
                String partition,
                String name,
                Path path,
                ArrowParquetWriter writer,
                Instant openedAt) {
            this.partition = partition;
            this.name = name;
            this.path = path;
            this.writer = writer;
            this.openedAt = openedAt;
        }
    }
}
