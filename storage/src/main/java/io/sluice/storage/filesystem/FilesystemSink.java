package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.runtime.Failpoints;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkCheckpoint;
import io.sluice.executor.spi.SinkContext;
import io.sluice.storage.filesystem.SinkState.OpenFileState;
import io.sluice.storage.filesystem.SinkState.PendingFile;
import io.sluice.storage.parquet.LocalAppendTarget;
import io.sluice.storage.parquet.ResumableParquetFile;
import io.sluice.storage.s3.S3Clients;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one subtask's rows as Parquet files, one open file per partition, exactly once.
 *
 * <p>A file stays open across checkpoints until its rolling policy (interval, inactivity, size)
 * says it is due. At every checkpoint each open file ends its row group and the checkpoint state
 * records the file's length and the footer for its row groups, so after a crash the file is cut
 * back to that length and continued: its rows are not read again. A due file is finished (footer
 * written, made durable, on S3 uploaded as an incomplete multipart upload) and listed as pending;
 * {@link #commit} publishes it (rename, or completing the upload) once the checkpoint is recorded,
 * then records it in the table's log when there is one (Delta).
 */
public final class FilesystemSink implements Sink {
    private static final Logger log = LoggerFactory.getLogger(FilesystemSink.class);

    /** System property naming the local directory S3 sinks stage their files in. */
    public static final String STAGING_DIRECTORY_PROPERTY = "sluice.staging.dir";

    private static final String EVENT_TIME_COLUMN = "timestamp";

    private final SinkContext context;
    private final FilesystemSinkConfig config;
    private final FileDestination destination;
    private final TableCommitter committer;
    private final OptionalInt eventTimeColumn;
    private final PartitionFields partitionFields;
    private final Map<String, OpenFile> openFiles = new LinkedHashMap<>();

    /** Orders writes to open files, to find the one written to least recently. */
    private long writeSequence;

    /** Finished since the last checkpoint, not prepared yet. */
    private final List<PendingFile> finished = new ArrayList<>();

    /** Prepared by a checkpoint, waiting for its commit. */
    private final List<PendingFile> pending = new ArrayList<>();

    private long nextSerial;
    private long lastPartitionSecond = Long.MIN_VALUE;
    private String lastPartition = "";

    private FilesystemSink(
            SinkContext context,
            FilesystemSinkConfig config,
            FileDestination destination,
            TableCommitter committer) {
        this.context = requireNonNull(context, "context is null");
        this.config = requireNonNull(config, "config is null");
        this.destination = requireNonNull(destination, "destination is null");
        this.committer = requireNonNull(committer, "committer is null");
        this.eventTimeColumn = eventTimeColumn(context.schema());
        this.partitionFields = PartitionFields.of(config.partitionFields(), context.schema());
    }

    static FilesystemSink open(SinkContext context, FilesystemSinkConfig config) {
        // a plain directory has no log to write: publishing the files was the commit
        return open(
                context, config, (epoch, files) -> Failpoints.hit(Failpoints.COMMIT_BEFORE_ACK));
    }

    /**
     * Opens a sink with the {@code filesystem} connector's options that records its files in a
     * table log through {@code committer}.
     */
    public static FilesystemSink open(SinkContext context, TableCommitter committer) {
        return open(context, FilesystemSinkConfig.from(context.options()), committer);
    }

    static FilesystemSink open(
            SinkContext context, FilesystemSinkConfig config, TableCommitter committer) {
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
                            stagingDirectory(context),
                            config.multipartPartSize(),
                            config.multipartMaxParts());
        }
        FilesystemSink sink = new FilesystemSink(context, config, destination, committer);
        try {
            sink.restore(context.restoredState().map(SinkState::decode).orElse(SinkState.empty()));
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    private void restore(SinkState state) {
        Set<String> keep = new HashSet<>();
        state.openFiles().forEach(file -> keep.add(file.location()));
        state.pending().forEach(file -> keep.add(file.location()));
        destination.removeLeftovers(keep);
        nextSerial = state.nextSerial();
        pending.addAll(state.pending());
        Instant now = Instant.now();
        for (OpenFileState saved : state.openFiles()) {
            LocalAppendTarget target;
            try {
                target = destination.resume(saved.location(), saved.length());
            } catch (UncheckedIOException e) {
                throw new SluiceException(
                        ErrorCode.EXTERNAL_ERROR,
                        "cannot resume file "
                                + saved.name()
                                + " of table "
                                + context.table()
                                + " from the last checkpoint: "
                                + e.getCause().getMessage(),
                        e);
            }
            ResumableParquetFile file =
                    ResumableParquetFile.resume(
                            target,
                            context.schema(),
                            config.compression(),
                            config.rowGroupSize(),
                            new ResumableParquetFile.Snapshot(
                                    saved.length(), saved.rows(), saved.footer()));
            openFiles.put(
                    saved.partition(),
                    new OpenFile(
                            saved.partition(),
                            saved.partitionValues(),
                            saved.name(),
                            saved.location(),
                            file,
                            Instant.ofEpochMilli(saved.openedAtMillis()),
                            now));
        }
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
        Instant now = Instant.now();
        if (config.timePattern().isEmpty() && partitionFields.isEmpty()) {
            OpenFile file = fileFor("", Map.of(), now);
            for (int row = 0; row < rows; row++) {
                file.file.write(batch, row);
            }
        } else {
            long processingMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
            TimeStampVector eventTime =
                    eventTimeColumn.isPresent() && config.timePattern().isPresent()
                            ? (TimeStampVector) batch.getVector(eventTimeColumn.getAsInt())
                            : null;
            for (int row = 0; row < rows; row++) {
                String partition = "";
                if (config.timePattern().isPresent()) {
                    long micros =
                            eventTime == null || eventTime.isNull(row)
                                    ? processingMicros
                                    : eventTime.get(row);
                    partition = timePartition(micros);
                }
                Map<String, String> values = Map.of();
                if (!partitionFields.isEmpty()) {
                    values = partitionFields.values(batch, row);
                    String fields = PartitionFields.directory(values);
                    partition = partition.isEmpty() ? fields : partition + "/" + fields;
                }
                fileFor(partition, values, now).file.write(batch, row);
            }
        }
        for (Iterator<OpenFile> iterator = openFiles.values().iterator(); iterator.hasNext(); ) {
            OpenFile file = iterator.next();
            if (file.file.dataSize() >= config.rollingFileSize()) {
                iterator.remove();
                finish(file);
            }
        }
        boundMemory();
    }

    /**
     * Keeps the memory of a subtask bounded however many partitions its rows fall into: beyond
     * {@code max_open_files} the file written to least recently is finished early, and beyond
     * {@code max_buffered_size} of rows held in memory over all open files the largest buffer is
     * written out as a row group early. Both cost smaller files or row groups, never rows, and
     * neither stalls the source.
     */
    private void boundMemory() {
        while (openFiles.size() > config.maxOpenFiles()) {
            OpenFile idlest = null;
            for (OpenFile file : openFiles.values()) {
                if (idlest == null || file.lastWriteSequence < idlest.lastWriteSequence) {
                    idlest = file;
                }
            }
            openFiles.remove(idlest.partition);
            finish(idlest);
        }
        while (true) {
            long buffered = 0;
            OpenFile largest = null;
            for (OpenFile file : openFiles.values()) {
                long size = file.file.bufferedSize();
                buffered += size;
                if (largest == null || size > largest.file.bufferedSize()) {
                    largest = file;
                }
            }
            if (buffered <= config.maxBufferedSize() || largest.file.bufferedSize() == 0) {
                return;
            }
            largest.file.endRowGroup();
        }
    }

    private String timePartition(long micros) {
        long second = Math.floorDiv(micros, 1_000_000L);
        if (second != lastPartitionSecond) {
            lastPartition = config.timePattern().orElseThrow().format(micros);
            lastPartitionSecond = second;
        }
        return lastPartition;
    }

    private OpenFile fileFor(String partition, Map<String, String> values, Instant now) {
        OpenFile file = openFiles.get(partition);
        if (file == null) {
            String name = nextName();
            LocalAppendTarget target;
            try {
                target = destination.create(partition, name);
            } catch (UncheckedIOException e) {
                throw new SluiceException(
                        ErrorCode.EXTERNAL_ERROR,
                        "cannot create file "
                                + name
                                + " for table "
                                + context.table()
                                + ": "
                                + e.getCause().getMessage(),
                        e);
            }
            ResumableParquetFile parquet =
                    ResumableParquetFile.create(
                            target, context.schema(), config.compression(), config.rowGroupSize());
            file =
                    new OpenFile(
                            partition, values, name, target.path().toString(), parquet, now, now);
            openFiles.put(partition, file);
        }
        file.lastWriteAt = now;
        file.lastWriteSequence = ++writeSequence;
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
        Failpoints.hit(Failpoints.CHECKPOINT_START);
        Map<OpenFile, ResumableParquetFile.Snapshot> snapshots = new LinkedHashMap<>();
        for (OpenFile file : openFiles.values()) {
            snapshots.put(file, externalCall("flush", file, file.file::flush));
        }
        Failpoints.hit(Failpoints.AFTER_FLUSH);
        for (Iterator<OpenFile> iterator = openFiles.values().iterator(); iterator.hasNext(); ) {
            OpenFile file = iterator.next();
            if (isDue(file, now)) {
                iterator.remove();
                snapshots.remove(file);
                finish(file);
            }
        }
        for (PendingFile file : finished) {
            PendingFile withEpoch =
                    new PendingFile(
                            file.partition(),
                            file.partitionValues(),
                            file.name(),
                            file.location(),
                            file.size(),
                            file.rows(),
                            epoch,
                            Optional.empty());
            pending.add(destination.prepare(withEpoch));
        }
        finished.clear();
        Failpoints.hit(Failpoints.AFTER_FINALIZE);
        List<OpenFileState> open = new ArrayList<>();
        snapshots.forEach(
                (file, snapshot) ->
                        open.add(
                                new OpenFileState(
                                        file.partition,
                                        file.partitionValues,
                                        file.name,
                                        file.location,
                                        file.openedAt.toEpochMilli(),
                                        snapshot.length(),
                                        snapshot.rows(),
                                        snapshot.footer())));
        return SinkCheckpoint.prepared(new SinkState(nextSerial, open, pending).encode());
    }

    private boolean isDue(OpenFile file, Instant now) {
        if (Duration.between(file.openedAt, now).compareTo(config.rollingInterval()) >= 0) {
            return true;
        }
        if (config.inactivityInterval().isPresent()
                && Duration.between(file.lastWriteAt, now)
                                .compareTo(config.inactivityInterval().get())
                        >= 0) {
            return true;
        }
        return file.file.dataSize() >= config.rollingFileSize();
    }

    private void finish(OpenFile file) {
        long rows = file.file.rowCount();
        long size = externalCall("finish", file, file.file::finish);
        file.file.close();
        finished.add(
                new PendingFile(
                        file.partition,
                        file.partitionValues,
                        file.name,
                        file.location,
                        size,
                        rows,
                        -1,
                        Optional.empty()));
        log.debug("Finished {} ({} rows) of table {}", file.name, rows, context.table());
    }

    @Override
    public void commit(long epoch) {
        Failpoints.hit(Failpoints.COMMIT_START);
        List<PendingFile> due = new ArrayList<>();
        for (PendingFile file : pending) {
            if (file.epoch() <= epoch) {
                due.add(file);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        for (int i = 0; i < due.size(); i++) {
            if (i > 0) {
                Failpoints.hit(Failpoints.COMMIT_MIDDLE);
            }
            destination.publish(due.get(i));
        }
        Failpoints.hit(Failpoints.COMMIT_AFTER_FINALIZE);
        List<CommittedFile> committed = new ArrayList<>();
        for (PendingFile file : due) {
            committed.add(
                    new CommittedFile(
                            file.relativePath(), file.partitionValues(), file.size(), file.rows()));
        }
        committer.commit(epoch, committed);
        pending.removeAll(due);
        Failpoints.hit(Failpoints.COMMIT_AFTER_ACK);
        log.debug(
                "Committed {} file(s) of table {} at checkpoint {}",
                due.size(),
                context.table(),
                epoch);
    }

    /** Number of files open now; for tests and metrics. */
    public int openFileCount() {
        return openFiles.size();
    }

    /**
     * Releases open files without finishing or deleting them: the last checkpoint may refer to
     * them, and a restart continues them from there. What was written after that checkpoint is cut
     * off on restart.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (OpenFile file : openFiles.values()) {
            try {
                file.file.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        openFiles.clear();
        try {
            destination.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            committer.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            log.warn("Could not close the files of table {}", context.table(), failures.get(0));
        }
    }

    private <T> T externalCall(String action, OpenFile file, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (UncheckedIOException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot "
                            + action
                            + " file "
                            + file.name
                            + " of table "
                            + context.table()
                            + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    private static final class OpenFile {
        final String partition;
        final Map<String, String> partitionValues;
        final String name;
        final String location;
        final ResumableParquetFile file;
        final Instant openedAt;
        Instant lastWriteAt;
        long lastWriteSequence;

        OpenFile(
                String partition,
                Map<String, String> partitionValues,
                String name,
                String location,
                ResumableParquetFile file,
                Instant openedAt,
                Instant lastWriteAt) {
            this.partition = partition;
            this.partitionValues = partitionValues;
            this.name = name;
            this.location = location;
            this.file = file;
            this.openedAt = openedAt;
            this.lastWriteAt = lastWriteAt;
        }
    }
}
