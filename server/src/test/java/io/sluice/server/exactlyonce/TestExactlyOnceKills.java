package io.sluice.server.exactlyonce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.executor.runtime.Failpoints;
import io.sluice.storage.delta.DeltaTableFiles;
import io.sluice.testing.EmbeddedKafka;
import io.sluice.testing.TestingPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a pipeline process (halt, as kill -9) at each crash point of the two-phase commit while
 * events flow, restarts it, drains the topic and checks that the lake holds every event exactly
 * once. The default run covers a representative set of points; the full matrix is tagged {@code
 * slow} and excluded by default ({@code mvn -pl server test -DexcludedGroups=none -Dgroups=slow}).
 */
class TestExactlyOnceKills {
    private static final Duration HALT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    private static String catalogUrl;

    @TempDir Path directory;

    @BeforeAll
    static void createCatalog() {
        catalogUrl = TestingPostgres.shared().createDatabase("exactly_once");
    }

    static Stream<Arguments> representativePoints() {
        return Stream.of(
                Arguments.of(Failpoints.AFTER_FLUSH, "filesystem"),
                Arguments.of(Failpoints.COMMIT_MIDDLE, "filesystem"),
                Arguments.of(Failpoints.COMMIT_BEFORE_ACK, "delta"),
                Arguments.of(Failpoints.COMMIT_AFTER_ACK, "delta"));
    }

    static Stream<Arguments> everyPoint() {
        List<Arguments> cases = new ArrayList<>();
        for (String connector : List.of("filesystem", "delta")) {
            for (String point :
                    List.of(
                            Failpoints.CHECKPOINT_START,
                            Failpoints.AFTER_FLUSH,
                            Failpoints.AFTER_FINALIZE,
                            Failpoints.AFTER_CHECKPOINT,
                            Failpoints.COMMIT_START,
                            Failpoints.COMMIT_MIDDLE,
                            Failpoints.COMMIT_AFTER_FINALIZE,
                            Failpoints.COMMIT_BEFORE_ACK,
                            Failpoints.COMMIT_AFTER_ACK)) {
                cases.add(Arguments.of(point, connector));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} killed at {0}")
    @MethodSource("representativePoints")
    void everyEventLandsExactlyOnceAfterAKill(String failpoint, String connector) throws Exception {
        killRestartAndCheck(failpoint, connector);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{1} killed at {0}")
    @MethodSource("everyPoint")
    void everyEventLandsExactlyOnceAfterAKillAtAnyPoint(String failpoint, String connector)
            throws Exception {
        killRestartAndCheck(failpoint, connector);
    }

    /**
     * kill -9 at random moments, 20 times in a row, while events flow: during start-up, recovery,
     * writing, checkpoints and commits alike. Then one run drains the topic.
     */
    @Tag("slow")
    @ParameterizedTest(name = "{0} killed 20 times at random")
    @ValueSource(strings = {"filesystem", "delta"})
    void everyEventLandsExactlyOnceAfterRandomKills(String connector) throws Exception {
        String topic = "exactly-once-" + UUID.randomUUID();
        EmbeddedKafka.shared().createTopic(topic, 2);
        Path lake = directory.resolve("lake");
        Map<String, String> properties = properties(topic, lake, connector);
        Random random = new Random(connector.hashCode());

        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        Thread producer = new Thread(() -> produce(topic, producing, produced), "eo-producer");
        producer.start();
        long total;
        try {
            for (int kill = 0; kill < 20; kill++) {
                Process run = launch(properties, null, directory.resolve("run.log"));
                Thread.sleep(500 + random.nextInt(4_500));
                run.destroyForcibly().waitFor();
            }
        } finally {
            producing.set(false);
            producer.join();
            total = produced.get();
        }
        assertThat(total).isPositive();
        drainAndCheck(properties, connector, lake, total);
    }

    private Map<String, String> properties(String topic, Path lake, String connector) {
        String pipeline = "eo_" + UUID.randomUUID().toString().replace("-", "");
        return Map.of(
                KillablePipeline.CATALOG_URL,
                catalogUrl,
                KillablePipeline.CATALOG_USER,
                TestingPostgres.shared().user(),
                KillablePipeline.CATALOG_PASSWORD,
                TestingPostgres.shared().password(),
                KillablePipeline.BOOTSTRAP,
                EmbeddedKafka.shared().bootstrapServers(),
                KillablePipeline.TOPIC,
                topic,
                KillablePipeline.LAKE,
                lake.toString(),
                KillablePipeline.CONNECTOR,
                connector,
                KillablePipeline.PIPELINE,
                pipeline);
    }

    private void drainAndCheck(
            Map<String, String> properties, String connector, Path lake, long total)
            throws Exception {
        Process second = launch(properties, null, directory.resolve("second.log"));
        try {
            await().atMost(DRAIN_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast(() -> !second.isAlive())
                    .until(() -> count(connector, lake).get(0) >= total);
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "the last run did not drain the topic; its log:\n" + tail("second.log"), e);
        } finally {
            second.destroyForcibly().waitFor();
        }
        assertThat(count(connector, lake))
                .as("rows and distinct ids; the last run's log:%n%s", tail("second.log"))
                .containsExactly(total, total);
    }

    private void killRestartAndCheck(String failpoint, String connector) throws Exception {
        String topic = "exactly-once-" + UUID.randomUUID();
        EmbeddedKafka.shared().createTopic(topic, 2);
        Path lake = directory.resolve("lake");
        Map<String, String> properties = properties(topic, lake, connector);

        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        Thread producer = new Thread(() -> produce(topic, producing, produced), "eo-producer");
        producer.start();
        long total;
        try {
            Process first = launch(properties, failpoint, directory.resolve("first.log"));
            boolean exited = first.waitFor(HALT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                first.destroyForcibly().waitFor();
            }
            assertThat(exited ? first.exitValue() : -1)
                    .as("the first run halts at %s; its log:%n%s", failpoint, tail("first.log"))
                    .isEqualTo(Failpoints.EXIT_STATUS);
        } finally {
            producing.set(false);
            producer.join();
            total = produced.get();
        }
        assertThat(total).isPositive();

        drainAndCheck(properties, connector, lake, total);
    }

    /** Sends events in small acknowledged batches until told to stop. */
    private static void produce(String topic, AtomicBoolean producing, AtomicLong produced) {
        Properties config = new Properties();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long next = 0;
            // a steady trickle, so that files keep rolling and commits keep coming until the kill
            while (producing.get()) {
                for (int i = 0; i < 20; i++, next++) {
                    String value =
                            "{\"id\":\"e-"
                                    + next
                                    + "\",\"kind\":\"k"
                                    + (next % 3)
                                    + "\",\"n\":"
                                    + next
                                    + "}";
                    producer.send(new ProducerRecord<>(topic, Long.toString(next), value));
                }
                producer.flush();
                produced.set(next);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(40));
            }
        }
    }

    private static Process launch(Map<String, String> properties, String failpoint, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-Darrow.allocation.manager.type=Unsafe");
        command.add("-Xmx512m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (failpoint != null) {
            command.add("-D" + Failpoints.PROPERTY + "=" + failpoint);
            command.add("-D" + Failpoints.SKIP_PROPERTY + "=2");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KillablePipeline.class.getName());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Rows and distinct ids in the lake, as a reader sees it. */
    private static List<Long> count(String connector, Path lake) throws Exception {
        List<Path> files;
        if (connector.equals("delta")) {
            files =
                    DeltaTableFiles.latest(lake)
                            .map(DeltaTableFiles.Version::files)
                            .orElse(List.of());
        } else if (Files.isDirectory(lake)) {
            try (Stream<Path> walk = Files.walk(lake)) {
                files =
                        walk.filter(path -> path.getFileName().toString().endsWith(".parquet"))
                                .filter(path -> !path.getFileName().toString().startsWith("."))
                                .collect(Collectors.toList());
            }
        } else {
            files = List.of();
        }
        if (files.isEmpty()) {
            return List.of(0L, 0L);
        }
        String list =
                files.stream().map(path -> "'" + path + "'").collect(Collectors.joining(", "));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*), count(DISTINCT id) FROM read_parquet(["
                                        + list
                                        + "])")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2));
        }
    }

    private String tail(String name) throws IOException {
        Path log = directory.resolve(name);
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
