package io.sluice.storage.cache;

import java.io.IOException;
import java.nio.file.Path;

/** Copies one object from its store into a local file. */
@FunctionalInterface
public interface ObjectFetcher {
    /** Writes the whole object to {@code target}, which does not exist yet. */
    void fetch(RemoteObject object, Path target) throws IOException;
}
