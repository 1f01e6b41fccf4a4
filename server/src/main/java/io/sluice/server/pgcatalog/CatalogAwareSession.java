package io.sluice.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.SluiceException;
import io.sluice.pgwire.PgException;
import io.sluice.pgwire.PgNotice;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgSession;
import io.sluice.pgwire.PgSessionFactory;
import io.sluice.pgwire.PgStatementDescription;
import io.sluice.pgwire.PgType;
import io.sluice.server.session.SearchPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A session that answers client catalog queries from {@link PgCatalogQueries} and passes every
 * other statement to the session it wraps.
 */
public final class CatalogAwareSession implements PgSession {
    private final PgCatalogQueries catalog;
    private final PgSession delegate;
    private final String user;
    private final String database;

    public CatalogAwareSession(
            PgCatalogQueries catalog, PgSession delegate, String user, String database) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.user = requireNonNull(user, "user is null");
        this.database = requireNonNull(database, "database is null");
    }

    /** Wraps every session {@code factory} opens. */
    public static PgSessionFactory wrap(PgCatalogQueries catalog, PgSessionFactory factory) {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(factory, "factory is null");
        return (user, database, startup) ->
                new CatalogAwareSession(
                        catalog,
                        factory.open(user, database, startup),
                        user,
                        database == null || database.isEmpty() ? user : database);
    }

    @Override
    public PgStatementDescription describe(String sql, List<PgType> parameterTypes) {
        if (!catalog.handles(sql)) {
            // Most statements are not catalog queries: no need for the session's settings.
            return delegate.describe(sql, parameterTypes);
        }
        try {
            Optional<PgStatementDescription> description =
                    catalog.describe(sql, parameterTypes, sessionInfo());
            if (description.isPresent()) {
                return description.get();
            }
        } catch (SluiceException e) {
            throw toPg(e);
        }
        return delegate.describe(sql, parameterTypes);
    }

    @Override
    public PgResult execute(String sql, List<Object> parameters) {
        if (!catalog.handles(sql)) {
            // Most statements are not catalog queries: no need for the session's settings.
            return delegate.execute(sql, parameters);
        }
        try {
            Optional<PgResult> answer = catalog.answer(sql, parameters, sessionInfo());
            if (answer.isPresent()) {
                return answer.get();
            }
        } catch (SluiceException e) {
            throw toPg(e);
        }
        return delegate.execute(sql, parameters);
    }

    private PgCatalogSessionInfo sessionInfo() {
        Map<String, String> settings = new TreeMap<>();
        delegate.parameterStatus()
                .forEach(
                        (name, value) -> {
                            if (value != null) {
                                settings.put(name.toLowerCase(Locale.ROOT), value);
                            }
                        });
        settings.putIfAbsent("search_path", "public");
        return new PgCatalogSessionInfo(
                user, database, SearchPath.effective(settings.get("search_path")), settings);
    }

    private static PgException toPg(SluiceException e) {
        return new PgException(e.errorCode().sqlState(), e.getMessage());
    }

    @Override
    public void cancel() {
        delegate.cancel();
    }

    @Override
    public Map<String, String> parameterStatus() {
        return delegate.parameterStatus();
    }

    @Override
    public List<PgNotice> pollNotices() {
        return delegate.pollNotices();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
