package io.sluice.pgwire;

import java.util.Map;

/** Opens the server-side state of one client connection, after it has authenticated. */
@FunctionalInterface
public interface PgSessionFactory {
    /**
     * Called off the event loop, so it may block.
     *
     * @param startupParameters everything the client sent in its StartupMessage (user, database,
     *     application_name, options, ...)
     * @throws PgException to refuse the connection, e.g. {@code 3D000} for an unknown database
     */
    PgSession open(String user, String database, Map<String, String> startupParameters);
}
