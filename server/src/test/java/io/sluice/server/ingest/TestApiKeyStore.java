package io.sluice.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.testing.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** API keys in a real catalog: only hashes are stored, and revoked keys stop authenticating. */
final class TestApiKeyStore {
    @Test
    void createAuthenticateRevoke() throws Exception {
        TestingPostgres postgres = TestingPostgres.shared();
        try (CatalogDatabase database =
                CatalogDatabase.open(
                        postgres.createDatabase("keys"), postgres.user(), postgres.password())) {
            ApiKeyStore store = new ApiKeyStore(database.dataSource());
            String secret = store.create("web", Set.of("clicks", "default"), OptionalInt.of(50));
            store.create("all", Set.of("*"), OptionalInt.empty());
            ApiKeys keys = new ApiKeys(store::activeKeys);

            assertThat(secret).startsWith("sluice_").hasSize("sluice_".length() + 43);
            ApiKey web = keys.authenticate(secret).orElseThrow();
            assertThat(web.name()).isEqualTo("web");
            assertThat(web.allows("clicks")).isTrue();
            assertThat(web.allows("orders")).isFalse();
            assertThat(web.rateLimit()).hasValue(50);
            assertThat(keys.authenticate(secret + "x")).isEmpty();
            assertThat(keys.authenticate("sluice_" + "A".repeat(43))).isEmpty();
            assertThat(keys.authenticate("nonsense")).isEmpty();
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs =
                            statement.executeQuery(
                                    "SELECT count(*) FROM ingest_keys WHERE encode(key_hash,"
                                            + " 'escape') LIKE '%"
                                            + secret.substring(7, 20)
                                            + "%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThatThrownBy(() -> store.create("web", Set.of("x"), OptionalInt.empty()))
                    .hasMessage("API key \"web\" already exists");

            assertThat(store.revoke("web")).isTrue();
            assertThat(store.revoke("web")).isFalse();
            keys.refresh();

            assertThat(keys.authenticate(secret)).isEmpty();
            assertThat(store.list())
                    .extracting(ApiKeyStore.KeyInfo::name, key -> key.revokedAt().isPresent())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("all", false),
                            org.assertj.core.groups.Tuple.tuple("web", true));
        }
    }
}
