package io.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible endpoint (S3Proxy) running inside this JVM on 127.0.0.1 and a free port.
 *
 * <p>Objects are plain files: key {@code k} of bucket {@code b} is the file {@code <dir>/b/k}, so
 * tests can read what was written without an S3 client. Requests must be signed with AWS Signature
 * V4 using {@link #accessKey()} and {@link #secretKey()}; clients must use path-style addressing.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);

    public static final String REGION = "us-east-1";
    public static final String DEFAULT_ACCESS_KEY = "sluice";
    public static final String DEFAULT_SECRET_KEY = "sluice-secret-key";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final Path directory;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private boolean closed;

    private EmbeddedS3(
            S3Proxy proxy,
            BlobStore blobStore,
            Path directory,
            URI endpoint,
            String accessKey,
            String secretKey) {
        this.proxy = requireNonNull(proxy, "proxy is null");
        this.blobStore = requireNonNull(blobStore, "blobStore is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.accessKey = requireNonNull(accessKey, "accessKey is null");
        this.secretKey = requireNonNull(secretKey, "secretKey is null");
    }

    /** Serves the files under {@code directory} with the default credentials. */
    public static EmbeddedS3 start(Path directory) {
        return start(directory, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    /**
     * Serves the files under {@code directory} (created if missing, never deleted) to clients that
     * sign with the given key pair.
     */
    public static EmbeddedS3 start(Path directory, String accessKey, String secretKey) {
        requireNonNull(directory, "directory is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        QuietLogging.apply();
        long startNanos = System.nanoTime();
        Path root = Directories.createPersistent(directory);
        BlobStore blobStore = new FilesystemNio2BlobStore(root.toString());
        S3Proxy proxy =
                S3Proxy.builder()
                        .blobStore(blobStore)
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                        .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy, blobStore);
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        log.info(
                "S3 endpoint listening on {} (files in {}), started in {} ms",
                endpoint,
                root,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return new EmbeddedS3(proxy, blobStore, root, endpoint, accessKey, secretKey);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy state is " + proxy.getState());
            }
            Thread.sleep(5);
        }
    }

    /**
     * The endpoint to give an S3 client as its endpoint override, e.g. {@code
     * http://127.0.0.1:41234}.
     */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** The directory whose subdirectories are the buckets. */
    public Path directory() {
        return directory;
    }

    /** Creates the bucket unless it already exists. */
    public void createBucket(String bucket) {
        requireNonNull(bucket, "bucket is null");
        if (!blobStore.containerExists(bucket)) {
            blobStore.createContainer(bucket);
        }
    }

    /** Stops serving; the files stay where they are. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(proxy, blobStore);
        log.info("S3 endpoint on {} stopped", endpoint);
    }

    private static void stopQuietly(S3Proxy proxy, BlobStore blobStore) {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("S3Proxy did not stop cleanly", e);
        }
        try {
            blobStore.close();
        } catch (RuntimeException e) {
            log.warn("S3Proxy blob store did not close cleanly", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedS3[" + endpoint + ", " + directory + "]";
    }
}
