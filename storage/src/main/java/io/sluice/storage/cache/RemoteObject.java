package io.sluice.storage.cache;

import static java.util.Objects.requireNonNull;

/**
 * An immutable object in a store: its location, size and entity tag. Two objects with the same
 * location but another size or tag are different cache entries, so a rewritten object is never
 * served from an older copy.
 */
public record RemoteObject(String bucket, String key, long size, String eTag) {
    public RemoteObject {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(eTag, "eTag is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    /** The identity of this version of the object, used to name its cached copy. */
    String identity() {
        return bucket + "/" + key + "#" + size + "#" + eTag;
    }
}
