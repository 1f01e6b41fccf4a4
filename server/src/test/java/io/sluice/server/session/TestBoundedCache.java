package io.sluice.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestBoundedCache {
    @Test
    void dropsTheLeastRecentlyUsedEntry() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a")).contains(1);
        cache.put("c", 3);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).contains(1);
        assertThat(cache.get("c")).contains(3);
    }

    @Test
    void computesMissingValuesOnce() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(4);
        int[] calls = new int[1];
        assertThat(cache.get("abc", key -> ++calls[0] + key.length())).isEqualTo(4);
        assertThat(cache.get("abc", key -> ++calls[0] + key.length())).isEqualTo(4);
        assertThat(calls[0]).isEqualTo(1);
        assertThatThrownBy(() -> new BoundedCache<String, Integer>(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
