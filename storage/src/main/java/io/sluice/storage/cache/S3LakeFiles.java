package io.sluice.storage.cache;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.delta.DeltaLogState;
import io.sluice.storage.delta.S3DeltaLog;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.storage.s3.S3TableLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Local copies of the finished Parquet objects of tables stored on S3, kept in an {@link
 * ObjectCache}. A query lists the table's prefix when it starts and pins the copies of what it
 * found, so objects written later are not part of it and nothing it reads is evicted under it. A
 * prefix holding a Delta log ({@code _delta_log/}) is a Delta table: only the active files of its
 * latest version are read. Thread-safe.
 */
public final class S3LakeFiles implements AutoCloseable {
    private final ObjectCache cache;
    private final Map<S3Settings, S3Client> clients = new HashMap<>();
    // Delta logs read so far, brought up to date by reading only their newer entries.
    private final Map<S3TableLocation, DeltaLogState> deltaLogs = new HashMap<>();
    private boolean closed;

    public S3LakeFiles(ObjectCache cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    public ObjectCache cache() {
        return cache;
    }

    /**
     * Lists the finished objects under {@code s3://bucket/prefix} and pins a local copy of each,
     * downloading those not cached yet.
     */
    public Pin pin(S3Settings settings, String bucket, String prefix) {
        requireNonNull(settings, "settings is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        S3Client client = client(settings);
        List<RemoteObject> objects = list(client, bucket, prefix);
        String tablePrefix = prefix.replaceAll("/+$", "");
        if (isDeltaTable(client, bucket, tablePrefix)) {
            objects =
                    deltaFiles(client, new S3TableLocation(bucket, tablePrefix, settings), objects);
        }
        List<ObjectCache.Lease> leases = new ArrayList<>(objects.size());
        try {
            for (RemoteObject object : objects) {
                leases.add(cache.acquire(object, (remote, target) -> get(client, remote, target)));
            }
        } catch (IOException | RuntimeException e) {
            leases.forEach(ObjectCache.Lease::close);
            throw e instanceof SluiceException sluice
                    ? sluice
                    : new SluiceException(
                            ErrorCode.EXTERNAL_ERROR,
                            "cannot cache objects of s3://"
                                    + bucket
                                    + "/"
                                    + prefix
                                    + ": "
                                    + e.getMessage(),
                            e);
        }
        return new Pin(leases);
    }

    /**
     * The finished data objects under the prefix: names ending in {@code .parquet} with no path
     * segment starting with {@code .} or {@code _} (in-progress files, logs and markers).
     */
    static List<RemoteObject> list(S3Client client, String bucket, String prefix) {
        String keyPrefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        ListObjectsV2Request request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(keyPrefix).build();
        List<RemoteObject> objects = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                if (isFinishedDataObject(object.key().substring(keyPrefix.length()))) {
                    objects.add(
                            new RemoteObject(
                                    bucket,
                                    object.key(),
                                    object.size(),
                                    object.eTag() == null ? "" : object.eTag()));
                }
            }
        } catch (SdkException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot list s3://" + bucket + "/" + keyPrefix + ": " + e.getMessage(),
                    e);
        }
        return objects;
    }

    /** A Delta table has the first entry of its log; other objects there make no table. */
    private static boolean isDeltaTable(S3Client client, String bucket, String prefix) {
        String firstEntry =
                (prefix.isEmpty() ? "" : prefix + "/")
                        + S3DeltaLog.LOG_DIRECTORY
                        + "/"
                        + S3DeltaLog.FIRST_ENTRY;
        try {
            return client
                    .listObjectsV2(request -> request.bucket(bucket).prefix(firstEntry).maxKeys(1))
                    .contents()
                    .stream()
                    .anyMatch(object -> object.key().equals(firstEntry));
        } catch (SdkException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot list s3://" + bucket + "/" + firstEntry + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The active files of the latest version of the Delta table at {@code location}. The log is
     * read after the listing: a file committed in between is looked up on its own.
     */
    private List<RemoteObject> deltaFiles(
            S3Client client, S3TableLocation location, List<RemoteObject> listed) {
        DeltaLogState state;
        synchronized (this) {
            state = deltaLogs.get(location);
        }
        S3DeltaLog deltaLog = new S3DeltaLog(client, location);
        state = state == null ? deltaLog.read().orElse(null) : deltaLog.update(state);
        if (state == null) {
            return List.of();
        }
        synchronized (this) {
            DeltaLogState known = deltaLogs.get(location);
            if (known == null || known.version() < state.version()) {
                deltaLogs.put(location, state);
            }
        }
        Map<String, RemoteObject> byKey = new HashMap<>();
        listed.forEach(object -> byKey.put(object.key(), object));
        List<RemoteObject> active = new ArrayList<>(state.activeFiles().size());
        for (DeltaLogState.LogFile file : state.activeFiles().values()) {
            String key = location.key(file.relativePath());
            RemoteObject object = byKey.get(key);
            if (object == null) {
                try {
                    HeadObjectResponse head =
                            client.headObject(
                                    request -> request.bucket(location.bucket()).key(key));
                    object =
                            new RemoteObject(
                                    location.bucket(),
                                    key,
                                    head.contentLength(),
                                    head.eTag() == null ? "" : head.eTag());
                } catch (SdkException e) {
                    throw new SluiceException(
                            ErrorCode.EXTERNAL_ERROR,
                            "cannot find s3://"
                                    + location.bucket()
                                    + "/"
                                    + key
                                    + ", an active file of Delta table "
                                    + location.uri()
                                    + ": "
                                    + e.getMessage(),
                            e);
                }
            }
            active.add(object);
        }
        return active;
    }

    static boolean isFinishedDataObject(String relativeKey) {
        if (!relativeKey.endsWith(".parquet")) {
            return false;
        }
        for (String segment : relativeKey.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static void get(S3Client client, RemoteObject object, Path target) throws IOException {
        try {
            client.getObject(
                    request -> request.bucket(object.bucket()).key(object.key()),
                    ResponseTransformer.toFile(target));
        } catch (SdkException e) {
            throw new IOException(
                    "cannot get s3://"
                            + object.bucket()
                            + "/"
                            + object.key()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private synchronized S3Client client(S3Settings settings) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        return clients.computeIfAbsent(settings, S3Clients::create);
    }

    @Override
    public synchronized void close() {
        closed = true;
        clients.values().forEach(S3Client::close);
        clients.clear();
    }

    /** The pinned local copies of one listing; close to release them. */
    public static final class Pin implements AutoCloseable {
        private final List<ObjectCache.Lease> leases;

        private Pin(List<ObjectCache.Lease> leases) {
            this.leases = List.copyOf(leases);
        }

        public List<Path> files() {
            return leases.stream().map(ObjectCache.Lease::path).toList();
        }

        @Override
        public void close() {
            leases.forEach(ObjectCache.Lease::close);
        }
    }
}
