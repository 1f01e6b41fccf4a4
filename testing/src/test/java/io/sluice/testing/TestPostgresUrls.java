package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestPostgresUrls {
    @Test
    void replacesDatabaseKeepingHostAndParameters() {
        assertThat(
                        PostgresUrls.withDatabase(
                                "jdbc:postgresql://db:5433/postgres?user=a&password=b", "x"))
                .isEqualTo("jdbc:postgresql://db:5433/x?user=a&password=b");
        assertThat(PostgresUrls.withDatabase("jdbc:postgresql://db:5433", "x"))
                .isEqualTo("jdbc:postgresql://db:5433/x");
        assertThat(PostgresUrls.withDatabase("jdbc:postgresql:postgres", "x"))
                .isEqualTo("jdbc:postgresql:x");
    }

    @Test
    void readsDecodedParameters() {
        String url = "jdbc:postgresql://db/postgres?user=sluice&password=p%40ss&ssl=true";

        assertThat(PostgresUrls.parameter(url, "user")).contains("sluice");
        assertThat(PostgresUrls.parameter(url, "password")).contains("p@ss");
        assertThat(PostgresUrls.parameter(url, "missing")).isEmpty();
        assertThat(PostgresUrls.withoutParameters(url)).isEqualTo("jdbc:postgresql://db/postgres");
    }
}
