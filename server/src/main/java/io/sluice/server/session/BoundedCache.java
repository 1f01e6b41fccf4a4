package io.sluice.server.session;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A map that keeps at most a fixed number of entries, dropping the least recently used one when
 * full. Meant for values that are a pure function of their key (a statement's parse, say), so a
 * dropped entry costs only its recomputation. Thread-safe.
 */
public final class BoundedCache<K, V> {
    private final int capacity;
    private final Map<K, V> entries;

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                        return size() > BoundedCache.this.capacity;
                    }
                };
    }

    /** The value kept for {@code key}, which becomes the most recently used. */
    public synchronized Optional<V> get(K key) {
        return Optional.ofNullable(entries.get(requireNonNull(key, "key is null")));
    }

    /**
     * The value kept for {@code key}, or else {@code compute}'s, which is then kept. Computed
     * outside the lock: two threads may both compute a missing value, which is harmless for a pure
     * function.
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        Optional<V> kept = get(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        V value = requireNonNull(compute.apply(key), "computed value is null");
        put(key, value);
        return value;
    }

    /** Keeps {@code value} for {@code key}, dropping the least recently used entry when full. */
    public synchronized void put(K key, V value) {
        entries.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    }

    public synchronized int size() {
        return entries.size();
    }
}
