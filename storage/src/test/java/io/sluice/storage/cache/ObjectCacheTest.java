package io.sluice.storage.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectCacheTest {
    @TempDir Path directory;

    private final AtomicInteger fetches = new AtomicInteger();

    private final ObjectFetcher fetcher =
            (object, target) -> {
                fetches.incrementAndGet();
                Files.write(target, new byte[(int) object.size()]);
            };

    private static RemoteObject object(String key, long size) {
        return new RemoteObject("bucket", key, size, "etag-" + key);
    }

    @Test
    void servesASecondRequestFromTheCopy() throws Exception {
        ObjectCache cache = new ObjectCache(directory, 1000);
        try (ObjectCache.Lease first = cache.acquire(object("a", 100), fetcher)) {
            assertThat(first.path()).hasSize(100).startsWith(directory);
        }
        try (ObjectCache.Lease second = cache.acquire(object("a", 100), fetcher)) {
            assertThat(second.path()).exists();
        }
        assertThat(fetches).hasValue(1);
        assertThat(cache.downloads()).isEqualTo(1);
        // Another version of the same key is another copy.
        try (ObjectCache.Lease other =
                cache.acquire(new RemoteObject("bucket", "a", 100, "etag-2"), fetcher)) {
            assertThat(other.path()).exists();
        }
        assertThat(fetches).hasValue(2);
    }

    @Test
    void evictsLeastRecentlyUsedUnpinnedCopies() throws Exception {
        ObjectCache cache = new ObjectCache(directory, 250);
        Path a;
        try (ObjectCache.Lease lease = cache.acquire(object("a", 100), fetcher)) {
            a = lease.path();
        }
        Path b;
        try (ObjectCache.Lease lease = cache.acquire(object("b", 100), fetcher)) {
            b = lease.path();
        }
        // Touch a, so b is the least recently used.
        cache.acquire(object("a", 100), fetcher).close();
        try (ObjectCache.Lease c = cache.acquire(object("c", 100), fetcher)) {
            assertThat(c.path()).exists();
        }
        assertThat(a).exists();
        assertThat(b).doesNotExist();
        assertThat(cache.sizeInBytes()).isEqualTo(200);
    }

    @Test
    void neverDeletesAPinnedCopy() throws Exception {
        ObjectCache cache = new ObjectCache(directory, 150);
        try (ObjectCache.Lease a = cache.acquire(object("a", 100), fetcher);
                ObjectCache.Lease b = cache.acquire(object("b", 100), fetcher)) {
            // Over the limit while both are in use.
            assertThat(a.path()).exists();
            assertThat(b.path()).exists();
            assertThat(cache.sizeInBytes()).isEqualTo(200);
        }
        assertThat(cache.sizeInBytes()).isLessThanOrEqualTo(150);
    }

    @Test
    void concurrentReadersShareOneDownload() throws Exception {
        ObjectCache cache = new ObjectCache(directory, 10_000);
        CountDownLatch release = new CountDownLatch(1);
        ObjectFetcher slow =
                (object, target) -> {
                    fetches.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Files.writeString(target, "content", UTF_8);
                };
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(
                        executor.submit(
                                () -> {
                                    try (ObjectCache.Lease lease =
                                            cache.acquire(object("shared", 7), slow)) {
                                        return Files.readString(lease.path(), UTF_8);
                                    }
                                }));
            }
            release.countDown();
            for (Future<String> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("content");
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void reusesCopiesAfterARestartAndDropsPartialDownloads() throws Exception {
        ObjectCache cache = new ObjectCache(directory, 1000);
        cache.acquire(object("a", 100), fetcher).close();
        Files.writeString(directory.resolve(".partial.parquet.x.download"), "half", UTF_8);

        ObjectCache reopened = new ObjectCache(directory, 1000);
        reopened.acquire(object("a", 100), fetcher).close();
        assertThat(fetches).hasValue(1);
        assertThat(reopened.sizeInBytes()).isEqualTo(100);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).allMatch(file -> !file.getFileName().toString().startsWith("."));
        }
    }

    @Test
    void failedDownloadLeavesNothingBehind() throws Exception {
        ObjectCache cache = new ObjectCache(directory, 1000);
        ObjectFetcher failing =
                (object, target) -> {
                    Files.writeString(target, "partial", UTF_8);
                    throw new java.io.IOException("connection reset");
                };
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> cache.acquire(object("a", 100), failing))
                .hasMessageContaining("connection reset");
        assertThat(cache.sizeInBytes()).isZero();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        cache.acquire(object("a", 100), fetcher).close();
        assertThat(fetches).hasValue(1);
    }
}
