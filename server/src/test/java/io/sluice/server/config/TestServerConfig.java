package io.sluice.server.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestServerConfig {
    @TempDir Path directory;

    @Test
    void defaultsArePinned() {
        ServerConfig config = ServerConfig.of(Map.of());
        assertThat(config.getInt(Setting.PGWIRE_PORT)).isEqualTo(5433);
        assertThat(config.getInt(Setting.HTTP_PORT)).isEqualTo(8088);
        assertThat(config.get(Setting.AUTH_MODE)).isEqualTo("scram");
        assertThat(config.get(Setting.INGEST_TOPIC)).isEqualTo("analytics");
        assertThat(config.getDuration(Setting.CHECKPOINT_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getOptional(Setting.CATALOG_URL)).isEmpty();
    }

    @Test
    void fileIsReadAndTheEnvironmentWins() throws Exception {
        Path file = directory.resolve("sluice.properties");
        Files.writeString(
                file,
                "pgwire.port = 6000\n"
                        + "catalog.url = jdbc:postgresql://db:5432/sluice\n"
                        + "checkpoint.interval = 2m\n"
                        + "profile.analytics.bootstrap_servers = b1:9092,b2:9092\n"
                        + "profile.analytics.auth.type = sasl\n",
                UTF_8);
        ServerConfig config =
                ServerConfig.load(file, Map.of("SLUICE_PGWIRE_PORT", "7000", "UNRELATED", "x"));
        assertThat(config.getInt(Setting.PGWIRE_PORT)).isEqualTo(7000);
        assertThat(config.get(Setting.CATALOG_URL)).isEqualTo("jdbc:postgresql://db:5432/sluice");
        assertThat(config.getDuration(Setting.CHECKPOINT_INTERVAL))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(config.profiles())
                .containsExactly(
                        Map.entry(
                                "analytics",
                                Map.of(
                                        "bootstrap_servers",
                                        "b1:9092,b2:9092",
                                        "auth.type",
                                        "sasl")));
    }

    @Test
    void mistakesAreReportedByName() throws Exception {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("pgwire.prot", "1")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("unknown setting \"pgwire.prot\"");
        assertThatThrownBy(
                        () ->
                                ServerConfig.of(Map.of("pgwire.port", "many"))
                                        .getInt(Setting.PGWIRE_PORT))
                .hasMessage("setting \"pgwire.port\" must be an integer, got \"many\"");
        assertThatThrownBy(() -> ServerConfig.of(Map.of()).get(Setting.CATALOG_URL))
                .hasMessage("setting \"catalog.url\" is required");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("profile.broken", "x")).profiles())
                .hasMessageContaining("profile.<name>.<option>");
        assertThatThrownBy(
                        () -> ServerConfig.load(directory.resolve("missing.properties"), Map.of()))
                .hasMessageContaining("cannot read configuration file");
    }

    @Test
    void everySettingHasAnEnvironmentVariable() {
        assertThat(Setting.PGWIRE_PORT.environmentVariable()).isEqualTo("SLUICE_PGWIRE_PORT");
        assertThat(Setting.KAFKA_BOOTSTRAP_SERVERS.environmentVariable())
                .isEqualTo("SLUICE_KAFKA_BOOTSTRAP_SERVERS");
        for (Setting setting : Setting.values()) {
            assertThat(Setting.byKey(setting.key())).contains(setting);
            assertThat(setting.doc()).isNotBlank();
        }
    }
}
