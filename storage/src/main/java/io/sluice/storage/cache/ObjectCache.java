package io.sluice.storage.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded local directory of copies of immutable remote objects, evicted least recently used
 * first.
 *
 * <p>A copy is downloaded under a hidden temporary name and moved to its final name atomically, so
 * a reader never sees a partial file. Readers {@linkplain #acquire pin} the copies they use; a
 * pinned copy is never deleted, even when the cache is over its size because of it — the cache then
 * shrinks as soon as the pins are released. Concurrent requests for the same object share one
 * download. Copies found in the directory at start are reused. Thread-safe.
 */
public final class ObjectCache {
    private static final Logger log = LoggerFactory.getLogger(ObjectCache.class);
    private static final String SUFFIX = ".parquet";
    private static final String TEMPORARY_SUFFIX = ".download";

    private final Path directory;
    private final long maxBytes;
    // Access order: iteration starts at the least recently used copy.
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong downloads = new AtomicLong();
    private long totalBytes;

    public ObjectCache(Path directory, long maxBytes) {
        requireNonNull(directory, "directory is null");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache directory " + directory, e);
        }
        loadExistingCopies();
    }

    /** The directory holding the copies; readers must be allowed to read it. */
    public Path directory() {
        return directory;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes of the copies currently held, pinned or not. */
    public synchronized long sizeInBytes() {
        return totalBytes;
    }

    /** How many objects were downloaded since this cache was created. */
    public long downloads() {
        return downloads.get();
    }

    /**
     * Returns a pinned local copy of {@code object}, downloading it with {@code fetcher} unless it
     * is cached. The copy stays on disk until the lease is closed.
     */
    public Lease acquire(RemoteObject object, ObjectFetcher fetcher) throws IOException {
        requireNonNull(object, "object is null");
        requireNonNull(fetcher, "fetcher is null");
        String name = fileName(object);
        Entry entry;
        boolean download;
        synchronized (this) {
            entry = entries.get(name);
            download = entry == null;
            if (download) {
                entry = new Entry(name, object.size(), new CompletableFuture<>());
                entries.put(name, entry);
                totalBytes += entry.size;
            }
            entry.pins++;
        }
        if (download) {
            try {
                download(object, fetcher, entry.file(directory));
                downloads.incrementAndGet();
                entry.loaded.complete(null);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    entries.remove(name);
                    totalBytes -= entry.size;
                    entry.pins--;
                }
                entry.loaded.completeExceptionally(e);
                throw e;
            }
        } else {
            try {
                entry.loaded.join();
            } catch (CompletionException e) {
                synchronized (this) {
                    entry.pins--;
                }
                throw new IOException("cannot download " + object.key(), e.getCause());
            }
        }
        evictWhileOverLimit();
        return new Lease(entry);
    }

    private void download(RemoteObject object, ObjectFetcher fetcher, Path target)
            throws IOException {
        Path temporary =
                directory.resolve(
                        "." + target.getFileName() + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        try {
            fetcher.fetch(object, temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void evictWhileOverLimit() {
        List<Path> evicted = new ArrayList<>();
        synchronized (this) {
            Iterator<Entry> leastRecentFirst = entries.values().iterator();
            while (totalBytes > maxBytes && leastRecentFirst.hasNext()) {
                Entry entry = leastRecentFirst.next();
                if (entry.pins == 0 && entry.loaded.isDone()) {
                    leastRecentFirst.remove();
                    totalBytes -= entry.size;
                    evicted.add(entry.file(directory));
                }
            }
        }
        // An evicted copy is unpinned and gone from the index, so no reader can be using it.
        for (Path file : evicted) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Cannot delete evicted cache file {}", file, e);
            }
        }
    }

    private void loadExistingCopies() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list cache directory " + directory, e);
        }
        List<Path> copies = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    copies.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean cache directory " + directory, e);
            }
        }
        copies.sort(Comparator.comparing(ObjectCache::lastModified));
        synchronized (this) {
            for (Path copy : copies) {
                String name = copy.getFileName().toString();
                Entry entry = new Entry(name, size(copy), CompletableFuture.completedFuture(null));
                entries.put(name, entry);
                totalBytes += entry.size;
            }
        }
        evictWhileOverLimit();
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read size of " + file, e);
        }
    }

    static String fileName(RemoteObject object) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(object.identity().getBytes(UTF_8)))
                    + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private synchronized void release(Entry entry) {
        entry.pins--;
    }

    /** A pinned local copy; closing it lets the cache evict the copy again. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The local copy; readable until this lease is closed. */
        public Path path() {
            return entry.file(directory);
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(entry);
            evictWhileOverLimit();
        }
    }

    private static final class Entry {
        private final String name;
        private final long size;
        private final CompletableFuture<Void> loaded;
        private int pins;

        private Entry(String name, long size, CompletableFuture<Void> loaded) {
            this.name = name;
            this.size = size;
            this.loaded = loaded;
        }

        private Path file(Path directory) {
            return directory.resolve(name);
        }
    }
}
