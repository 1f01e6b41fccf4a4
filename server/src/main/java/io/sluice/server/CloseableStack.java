package io.sluice.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources opened one after another, closed in reverse order. A resource that fails to close is
 * logged and the rest are still closed, so one broken part never keeps the others open.
 */
public final class CloseableStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloseableStack.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Registers {@code resource} to be closed before everything registered earlier; returns it. */
    public synchronized <T extends AutoCloseable> T push(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn(
                        "Error while closing {}: {}",
                        resource.getClass().getSimpleName(),
                        e.getMessage());
            }
        }
    }
}
