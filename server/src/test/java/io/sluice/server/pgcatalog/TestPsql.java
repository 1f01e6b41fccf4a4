package io.sluice.server.pgcatalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the real {@code psql} against a running server and compares its output with the golden
 * files under {@code src/test/resources/psql/}. Set {@code -Dsluice.psql.regenerate=true} to write
 * the golden files instead.
 */
class TestPsql {
    private static final Path PSQL = Path.of("/usr/bin/psql");

    @TempDir static Path dataDir;
    private static CatalogTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = CatalogTestServer.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "d",
                "dt",
                "d_events",
                "d_plus_events",
                "dt_plus",
                "dn",
                "l",
                "x",
                "du",
                "version",
                "sluice_tables"
            })
    void matchesGoldenOutput(String name) throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed");
        String script = resource("psql/" + name + ".sql");
        String output = psql(script);
        Path golden = Path.of("src/test/resources/psql/" + name + ".out");
        if (Boolean.getBoolean("sluice.psql.regenerate")) {
            Files.writeString(golden, output, UTF_8);
        }
        assertThat(golden).exists();
        assertThat(output).isEqualTo(Files.readString(golden, UTF_8));
    }

    private String psql(String script) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(
                        List.of(
                                PSQL.toString(),
                                "-X",
                                "-h",
                                "127.0.0.1",
                                "-p",
                                String.valueOf(server.port()),
                                "-U",
                                CatalogTestServer.USER,
                                "-d",
                                "sluice",
                                "-v",
                                "ON_ERROR_STOP=1",
                                "-f",
                                "-"));
        builder.environment().put("PGPASSWORD", CatalogTestServer.PASSWORD);
        builder.environment().put("PGSSLMODE", "disable");
        builder.environment().put("PAGER", "");
        builder.environment().put("PSQL_PAGER", "");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().write(script.getBytes(UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.replace(":" + server.port(), ":<port>")
                .replace("port \"" + server.port() + "\"", "port \"<port>\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TestPsql.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return "";
            }
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
