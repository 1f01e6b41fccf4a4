package io.sluice.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.util.Optional;

/** Reads and rewrites pgjdbc URLs ({@code jdbc:postgresql://host:port/database?params}). */
final class PostgresUrls {
    private static final String PREFIX = "jdbc:postgresql:";

    private PostgresUrls() {}

    static String withDatabase(String url, String database) {
        requireNonNull(database, "database is null");
        String rest = stripPrefix(url);
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
        if (!path.startsWith("//")) {
            return PREFIX + database + query;
        }
        int slash = path.indexOf('/', 2);
        String authority = slash < 0 ? path : path.substring(0, slash);
        return PREFIX + authority + "/" + database + query;
    }

    static String withoutParameters(String url) {
        int queryStart = url.indexOf('?');
        return queryStart < 0 ? url : url.substring(0, queryStart);
    }

    /** A query parameter of the URL, such as {@code user} or {@code password}. */
    static Optional<String> parameter(String url, String name) {
        String rest = stripPrefix(url);
        int queryStart = rest.indexOf('?');
        if (queryStart < 0) {
            return Optional.empty();
        }
        for (String pair : rest.substring(queryStart + 1).split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, UTF_8).equals(name)) {
                return Optional.of(
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String stripPrefix(String url) {
        requireNonNull(url, "url is null");
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
        }
        return url.substring(PREFIX.length());
    }
}
