package io.sluice.server.catalog;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The Postgres database that holds the catalog: a connection pool, migrated to the current schema
 * on open.
 */
public final class CatalogDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;

    private CatalogDatabase(HikariDataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Connects and applies any pending Flyway migrations. */
    public static CatalogDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("sluice-catalog");
        config.setInitializationFailTimeout(30_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_UNAVAILABLE,
                    "cannot connect to the catalog database: " + e.getMessage(),
                    e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot migrate the catalog database: " + e.getMessage(),
                    e);
        }
        return new CatalogDatabase(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
