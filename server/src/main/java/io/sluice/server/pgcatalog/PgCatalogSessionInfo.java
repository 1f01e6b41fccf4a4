package io.sluice.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What catalog answers depend on in the asking session.
 *
 * @param user the authenticated user
 * @param database the database named at connection
 * @param searchPath the schemas of {@code search_path}, first the current schema
 * @param settings run-time parameters and their values, for {@code pg_settings}
 */
public record PgCatalogSessionInfo(
        String user, String database, List<String> searchPath, Map<String, String> settings) {
    public PgCatalogSessionInfo {
        requireNonNull(user, "user is null");
        requireNonNull(database, "database is null");
        searchPath = List.copyOf(requireNonNull(searchPath, "searchPath is null"));
        settings = Map.copyOf(requireNonNull(settings, "settings is null"));
    }
}
