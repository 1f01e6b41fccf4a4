package io.sluice.storage.delta;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.delta.kernel.types.StructType;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.filesystem.CommittedFile;
import io.sluice.storage.filesystem.TableCommitter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a sink subtask's published files in a Delta table on S3: one log entry per completed
 * checkpoint, carrying {@code txn(appId, version = epoch)}, created with a conditional PUT.
 *
 * <p>The entry goes to the version after the latest one this committer knows of. When that version
 * exists (412), the log is read up to its latest version: if it holds our epoch already, the commit
 * was done before (by an earlier attempt whose answer was lost, or by a restarted subtask) and
 * nothing more is written; else the entry is retried at the next free version. Sluice appends only,
 * so a commit never conflicts with another writer's: it only has to find a free version.
 */
final class S3DeltaTableCommitter implements TableCommitter {
    private static final Logger log = LoggerFactory.getLogger(S3DeltaTableCommitter.class);
    private static final int MAX_COMMIT_ATTEMPTS = 100;
    private static final JsonFactory JSON = new JsonFactory();

    private final S3DeltaLog deltaLog;
    private final String appId;
    private final AutoCloseable client;
    private DeltaLogState state;

    private S3DeltaTableCommitter(
            S3DeltaLog deltaLog, String appId, AutoCloseable client, DeltaLogState state) {
        this.deltaLog = requireNonNull(deltaLog, "deltaLog is null");
        this.appId = requireNonNull(appId, "appId is null");
        this.client = requireNonNull(client, "client is null");
        this.state = requireNonNull(state, "state is null");
    }

    /**
     * Opens the table of {@code deltaLog}, creating it with {@code schema} and {@code
     * partitionColumns} when it has no log yet.
     *
     * @param client closed with the committer
     */
    static S3DeltaTableCommitter open(
            S3DeltaLog deltaLog,
            AutoCloseable client,
            String appId,
            StructType schema,
            List<String> partitionColumns) {
        if (deltaLog.read().isEmpty()) {
            if (deltaLog.createEntry(0, createEntry(schema, partitionColumns))) {
                log.info("Created Delta table {}", deltaLog.location().uri());
            }
            // else another subtask created it first
        }
        DeltaLogState state = deltaLog.read().orElseThrow();
        return new S3DeltaTableCommitter(deltaLog, appId, client, state);
    }

    @Override
    public void commit(long epoch, List<CommittedFile> files) {
        if (committed(epoch)) {
            return;
        }
        String entry = appendEntry(state.version(), epoch, files);
        for (int attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
            long version = state.version() + 1;
            if (deltaLog.createEntry(version, entry)) {
                state = deltaLog.update(state);
                log.debug(
                        "Committed {} file(s) to Delta table {} as version {} ({} {})",
                        files.size(),
                        deltaLog.location().uri(),
                        version,
                        appId,
                        epoch);
                return;
            }
            log.debug(
                    "Delta version {} of {} exists; reading the log again",
                    version,
                    deltaLog.location().uri());
            state = deltaLog.update(state);
            if (committed(epoch)) {
                return;
            }
        }
        throw new SluiceException(
                ErrorCode.EXTERNAL_ERROR,
                "cannot commit to Delta table "
                        + deltaLog.location().uri()
                        + ": lost the race for a log version "
                        + MAX_COMMIT_ATTEMPTS
                        + " times");
    }

    private boolean committed(long epoch) {
        Long committed = state.transactions().get(appId);
        if (committed != null && committed >= epoch) {
            log.debug(
                    "Delta table {} already holds {} version {}; not committing {} again",
                    deltaLog.location().uri(),
                    appId,
                    committed,
                    epoch);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            log.warn("Cannot close the S3 client of {}", deltaLog.location().uri(), e);
        }
    }

    /** Version 0: protocol (reader 1, writer 2) and metadata. */
    static String createEntry(StructType schema, List<String> partitionColumns) {
        long now = System.currentTimeMillis();
        return entry(
                json -> {
                    json.writeStartObject();
                    json.writeObjectFieldStart("commitInfo");
                    json.writeNumberField("timestamp", now);
                    json.writeStringField("operation", "CREATE TABLE");
                    json.writeObjectFieldStart("operationParameters");
                    json.writeEndObject();
                    json.writeBooleanField("isBlindAppend", true);
                    json.writeStringField("engineInfo", DeltaTableCommitter.ENGINE_INFO);
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeRaw('\n');
                    json.writeStartObject();
                    json.writeObjectFieldStart("protocol");
                    json.writeNumberField("minReaderVersion", 1);
                    json.writeNumberField("minWriterVersion", 2);
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeRaw('\n');
                    json.writeStartObject();
                    json.writeObjectFieldStart("metaData");
                    json.writeStringField("id", UUID.randomUUID().toString());
                    json.writeObjectFieldStart("format");
                    json.writeStringField("provider", "parquet");
                    json.writeObjectFieldStart("options");
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeStringField("schemaString", schema.toJson());
                    json.writeArrayFieldStart("partitionColumns");
                    for (String column : partitionColumns) {
                        json.writeString(column);
                    }
                    json.writeEndArray();
                    json.writeObjectFieldStart("configuration");
                    json.writeEndObject();
                    json.writeNumberField("createdTime", now);
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeRaw('\n');
                });
    }

    /** A blind append of {@code files} carrying {@code txn(appId, epoch)}. */
    private String appendEntry(long readVersion, long epoch, List<CommittedFile> files) {
        long now = System.currentTimeMillis();
        return entry(
                json -> {
                    json.writeStartObject();
                    json.writeObjectFieldStart("commitInfo");
                    json.writeNumberField("timestamp", now);
                    json.writeStringField("operation", "WRITE");
                    json.writeObjectFieldStart("operationParameters");
                    json.writeStringField("mode", "Append");
                    json.writeEndObject();
                    json.writeNumberField("readVersion", readVersion);
                    json.writeBooleanField("isBlindAppend", true);
                    json.writeStringField("engineInfo", DeltaTableCommitter.ENGINE_INFO);
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeRaw('\n');
                    json.writeStartObject();
                    json.writeObjectFieldStart("txn");
                    json.writeStringField("appId", appId);
                    json.writeNumberField("version", epoch);
                    json.writeNumberField("lastUpdated", now);
                    json.writeEndObject();
                    json.writeEndObject();
                    json.writeRaw('\n');
                    for (CommittedFile file : files) {
                        json.writeStartObject();
                        json.writeObjectFieldStart("add");
                        json.writeStringField("path", encode(file.relativePath()));
                        json.writeObjectFieldStart("partitionValues");
                        for (Map.Entry<String, String> value : file.partitionValues().entrySet()) {
                            if (value.getValue() == null) {
                                json.writeNullField(value.getKey());
                            } else {
                                json.writeStringField(value.getKey(), value.getValue());
                            }
                        }
                        json.writeEndObject();
                        json.writeNumberField("size", file.size());
                        json.writeNumberField("modificationTime", now);
                        json.writeBooleanField("dataChange", true);
                        json.writeStringField("stats", "{\"numRecords\":" + file.rows() + "}");
                        json.writeEndObject();
                        json.writeEndObject();
                        json.writeRaw('\n');
                    }
                });
    }

    private interface EntryWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private static String entry(EntryWriter writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.setRootValueSeparator(null);
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The log's form of a path: relative to the table, URI-encoded. */
    private static String encode(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
