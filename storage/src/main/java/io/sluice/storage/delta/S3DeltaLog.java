package io.sluice.storage.delta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.s3.S3TableLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The log of a Delta table on S3, read and written through the S3 client directly.
 *
 * <p>The kernel's default engine reaches S3 only through Hadoop's S3A file system, a second S3
 * stack beside the AWS SDK the sink uploads with, and its commits would need a put-if-absent log
 * store to be safe with several writers. Sluice's writers only ever append files, so the log is
 * written here as plain JSON entries, each created with a conditional PUT ({@code If-None-Match:
 * *}): of two writers racing for a version, exactly one creates it and the other is answered 412.
 *
 * <p>Reading replays the JSON entries from version 0. Checkpoint files are never written by Sluice;
 * a log whose early entries were replaced by a checkpoint is refused, as are tables whose protocol
 * requires reader features.
 */
public final class S3DeltaLog {
    public static final String LOG_DIRECTORY = "_delta_log";

    /** The name of version 0's entry in the log directory. */
    public static final String FIRST_ENTRY = "00000000000000000000.json";

    private static final Pattern ENTRY = Pattern.compile("(\\d{20})\\.json");
    private static final JsonFactory JSON = new JsonFactory();

    private final S3Client client;
    private final S3TableLocation location;
    private final String logPrefix;

    public S3DeltaLog(S3Client client, S3TableLocation location) {
        this.client = requireNonNull(client, "client is null");
        this.location = requireNonNull(location, "location is null");
        this.logPrefix = location.key(LOG_DIRECTORY) + "/";
    }

    S3TableLocation location() {
        return location;
    }

    /** The latest version of the table; empty when there is no log entry yet. */
    public Optional<DeltaLogState> read() {
        Replay replay = new Replay();
        replay.readAfter(-1);
        return replay.version < 0 ? Optional.empty() : Optional.of(replay.state());
    }

    /** {@code state} brought up to the latest version: only the newer entries are read. */
    public DeltaLogState update(DeltaLogState state) {
        Replay replay = new Replay(state);
        replay.readAfter(state.version());
        return replay.state();
    }

    /**
     * Creates log entry {@code version} unless it exists.
     *
     * @return false when the version exists already: another writer, or an earlier attempt of this
     *     one whose answer was lost, created it
     */
    boolean createEntry(long version, String entry) {
        try {
            client.putObject(
                    request ->
                            request.bucket(location.bucket())
                                    .key(entryKey(version))
                                    .ifNoneMatch("*")
                                    .contentType("application/json"),
                    RequestBody.fromString(entry, UTF_8));
            return true;
        } catch (S3Exception e) {
            // 412: the key exists. 409: a concurrent conditional PUT of the same key is in
            // flight (AWS); either way the version is not ours to take now.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot write Delta log entry "
                            + version
                            + " of "
                            + location.uri()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private String entryKey(long version) {
        return logPrefix + String.format(Locale.ROOT, "%020d.json", version);
    }

    /** Applies log entries in version order. */
    private final class Replay {
        private long version = -1;
        private List<String> partitionColumns = List.of();
        private final Map<String, DeltaLogState.LogFile> files = new LinkedHashMap<>();
        private final Map<String, Long> transactions = new LinkedHashMap<>();

        Replay() {}

        Replay(DeltaLogState state) {
            version = state.version();
            partitionColumns = state.partitionColumns();
            files.putAll(state.activeFiles());
            transactions.putAll(state.transactions());
        }

        DeltaLogState state() {
            return new DeltaLogState(version, partitionColumns, files, transactions);
        }

        void readAfter(long after) {
            ListObjectsV2Request.Builder list =
                    ListObjectsV2Request.builder().bucket(location.bucket()).prefix(logPrefix);
            if (after >= 0) {
                list.startAfter(entryKey(after));
            }
            List<S3Object> objects = new ArrayList<>();
            try {
                client.listObjectsV2Paginator(list.build()).contents().forEach(objects::add);
            } catch (S3Exception e) {
                throw failure("cannot list the Delta log of " + location.uri(), e);
            }
            for (S3Object object : objects) {
                Matcher matcher = ENTRY.matcher(object.key().substring(logPrefix.length()));
                if (!matcher.matches()) {
                    continue;
                }
                long entryVersion = Long.parseLong(matcher.group(1));
                if (entryVersion != version + 1) {
                    throw new SluiceException(
                            ErrorCode.FEATURE_NOT_SUPPORTED,
                            "the Delta log of "
                                    + location.uri()
                                    + " has no entry "
                                    + (version + 1)
                                    + " before "
                                    + entryVersion
                                    + "; logs shortened by checkpoints are not supported on S3");
                }
                apply(read(object.key()));
                version = entryVersion;
            }
        }

        private String read(String key) {
            try {
                return client.getObjectAsBytes(
                                request -> request.bucket(location.bucket()).key(key))
                        .asUtf8String();
            } catch (S3Exception e) {
                throw failure("cannot read Delta log entry " + key, e);
            }
        }

        private void apply(String entry) {
            try (JsonParser parser = JSON.createParser(entry)) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, Object> action = object(parser);
                    action.forEach(this::apply);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("malformed Delta log entry of " + location.uri(), e);
            }
        }

        @SuppressWarnings("unchecked")
        private void apply(String type, Object body) {
            if (!(body instanceof Map)) {
                return;
            }
            Map<String, Object> action = (Map<String, Object>) body;
            switch (type) {
                case "protocol" -> {
                    if (number(action.get("minReaderVersion")) > 1) {
                        throw new SluiceException(
                                ErrorCode.FEATURE_NOT_SUPPORTED,
                                "Delta table "
                                        + location.uri()
                                        + " needs reader version "
                                        + action.get("minReaderVersion")
                                        + "; only version 1 is supported on S3");
                    }
                }
                case "metaData" ->
                        partitionColumns =
                                ((List<Object>) action.getOrDefault("partitionColumns", List.of()))
                                        .stream().map(String::valueOf).toList();
                case "add" -> {
                    String path = decode((String) action.get("path"));
                    Map<String, String> values = new LinkedHashMap<>();
                    ((Map<String, Object>) action.getOrDefault("partitionValues", Map.of()))
                            .forEach(
                                    (name, value) ->
                                            values.put(
                                                    name,
                                                    value == null ? null : String.valueOf(value)));
                    files.put(
                            path,
                            new DeltaLogState.LogFile(path, number(action.get("size")), values));
                }
                case "remove" -> files.remove(decode((String) action.get("path")));
                case "txn" ->
                        transactions.put(
                                (String) action.get("appId"), number(action.get("version")));
                default -> {
                    // commitInfo and actions a reader of plain Parquet files may ignore
                }
            }
        }

        private String decode(String path) {
            URI uri = URI.create(path);
            if (uri.isAbsolute()) {
                String root = location.uri() + "/";
                String absolute = uri.toString();
                if (!absolute.startsWith(root)) {
                    throw new SluiceException(
                            ErrorCode.FEATURE_NOT_SUPPORTED,
                            "Delta table "
                                    + location.uri()
                                    + " references a file outside its root: "
                                    + path);
                }
                return URI.create(absolute.substring(root.length())).getPath();
            }
            return uri.getPath();
        }
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** The object at the parser's START_OBJECT, as maps, lists, strings, numbers and booleans. */
    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.put(name, value(parser));
        }
        return object;
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private SluiceException failure(String message, S3Exception e) {
        return new SluiceException(ErrorCode.EXTERNAL_ERROR, message + ": " + e.getMessage(), e);
    }
}
