package io.sluice.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (one process acting as KRaft controller and broker) running inside
 * this JVM, listening on 127.0.0.1 only.
 *
 * <p>With a persistent data directory the broker keeps its topics, records and committed offsets
 * across restarts: a directory that is already formatted is reused as is.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS_WITH_PICKED_PORTS = 3;

    /** The user the SASL listener accepts with mechanism PLAIN (see {@link #startWithSasl()}). */
    public static final String PLAIN_USER = "plain-user";

    public static final String PLAIN_PASSWORD = "plain-password";

    private static EmbeddedKafka sharedInstance;

    private final KafkaRaftServer server;
    private final Path dataDirectory;
    private final boolean deleteDataOnClose;
    private final boolean shared;
    private final String bootstrapServers;
    private final Optional<String> saslBootstrapServers;
    private final int controllerPort;
    private Admin admin;
    private boolean closed;

    /**
     * Where the broker keeps its data and which ports it listens on.
     *
     * @param dataDirectory a persistent directory, or empty for a temporary one deleted on close
     * @param brokerPort the client port; 0 picks a free one
     * @param controllerPort the KRaft controller port; 0 picks a free one
     */
    public record Options(Optional<Path> dataDirectory, int brokerPort, int controllerPort) {
        public Options {
            requireNonNull(dataDirectory, "dataDirectory is null");
            checkPort(brokerPort, "brokerPort");
            checkPort(controllerPort, "controllerPort");
            if (brokerPort != 0 && brokerPort == controllerPort) {
                throw new IllegalArgumentException("brokerPort and controllerPort must differ");
            }
        }

        /** A temporary data directory and free ports. */
        public static Options temporary() {
            return new Options(Optional.empty(), 0, 0);
        }

        /** A data directory that survives close and is reused by the next start, free ports. */
        public static Options persistent(Path dataDirectory) {
            return new Options(Optional.of(dataDirectory), 0, 0);
        }

        public Options withBrokerPort(int port) {
            return new Options(dataDirectory, port, controllerPort);
        }

        public Options withControllerPort(int port) {
            return new Options(dataDirectory, brokerPort, port);
        }

        private static void checkPort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range: " + port);
            }
        }
    }

    private EmbeddedKafka(
            KafkaRaftServer server,
            Path dataDirectory,
            boolean deleteDataOnClose,
            boolean shared,
            int brokerPort,
            int saslPort,
            int controllerPort) {
        this.server = requireNonNull(server, "server is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.deleteDataOnClose = deleteDataOnClose;
        this.shared = shared;
        this.bootstrapServers = HOST + ":" + brokerPort;
        this.saslBootstrapServers =
                saslPort == 0 ? Optional.empty() : Optional.of(HOST + ":" + saslPort);
        this.controllerPort = controllerPort;
    }

    /** Starts a broker with a temporary data directory on free ports. */
    public static EmbeddedKafka start() {
        return start(Options.temporary());
    }

    public static EmbeddedKafka start(Options options) {
        return start(options, false, false);
    }

    /**
     * Starts a broker (temporary data, free ports) that also has a SASL_PLAINTEXT listener
     * accepting SCRAM-SHA-256, SCRAM-SHA-512 (users made with {@link #createScramUser}) and PLAIN
     * (the single user {@link #PLAIN_USER}). The PLAINTEXT listener stays open for setting up.
     */
    public static EmbeddedKafka startWithSasl() {
        return start(Options.temporary(), false, true);
    }

    /**
     * One broker for the whole JVM, started on first use and stopped by a shutdown hook. Its {@link
     * #close()} does nothing, so a test cannot stop it for the others; tests isolate themselves
     * with topic names of their own.
     */
    public static synchronized EmbeddedKafka shared() {
        if (sharedInstance == null) {
            EmbeddedKafka kafka = start(Options.temporary(), true, false);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(kafka::stop, "sluice-shared-kafka-shutdown"));
            sharedInstance = kafka;
        }
        return sharedInstance;
    }

    private static EmbeddedKafka start(Options options, boolean shared, boolean sasl) {
        requireNonNull(options, "options is null");
        QuietLogging.apply();
        boolean temporary = options.dataDirectory().isEmpty();
        Path directory =
                options.dataDirectory()
                        .map(Directories::createPersistent)
                        .orElseGet(() -> Directories.createTemporary("sluice-kafka-"));
        boolean pickingPorts = options.brokerPort() == 0 || options.controllerPort() == 0;
        int attempts = pickingPorts ? START_ATTEMPTS_WITH_PICKED_PORTS : 1;
        long startNanos = System.nanoTime();
        try {
            for (int attempt = 1; ; attempt++) {
                int brokerPort =
                        options.brokerPort() != 0
                                ? options.brokerPort()
                                : FreePorts.pickOther(options.controllerPort());
                int controllerPort =
                        options.controllerPort() != 0
                                ? options.controllerPort()
                                : FreePorts.pickOther(brokerPort);
                int saslPort = sasl ? FreePorts.pickOther(brokerPort) : 0;
                if (saslPort == controllerPort) {
                    continue;
                }
                KafkaConfig config =
                        KafkaConfig.fromProps(
                                serverProperties(directory, brokerPort, saslPort, controllerPort));
                formatIfNeeded(directory);
                KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    server.startup();
                } catch (RuntimeException e) {
                    shutdownQuietly(server);
                    if (attempt < attempts) {
                        // Most likely a picked port was taken in the meantime.
                        log.warn(
                                "Kafka did not start on ports {}/{}, retrying",
                                brokerPort,
                                controllerPort,
                                e);
                        continue;
                    }
                    throw e;
                }
                EmbeddedKafka kafka =
                        new EmbeddedKafka(
                                server,
                                directory,
                                temporary,
                                shared,
                                brokerPort,
                                saslPort,
                                controllerPort);
                try {
                    kafka.awaitBrokerReady();
                } catch (RuntimeException e) {
                    kafka.stop();
                    throw e;
                }
                log.info(
                        "Kafka broker listening on {} (controller 127.0.0.1:{}, data in {}),"
                                + " started in {} ms",
                        kafka.bootstrapServers,
                        controllerPort,
                        directory,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                return kafka;
            }
        } catch (RuntimeException e) {
            if (temporary) {
                Directories.deleteQuietly(directory);
            }
            throw e;
        }
    }

    private static Properties serverProperties(
            Path directory, int brokerPort, int saslPort, int controllerPort) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        properties.put(
                "listeners",
                "PLAINTEXT://"
                        + HOST
                        + ":"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + HOST
                        + ":"
                        + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put(
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (saslPort != 0) {
            addSaslListener(properties, saslPort);
        }
        properties.put("log.dirs", directory.toString());
        properties.put("metadata.log.dir", directory.toString());

        // One node: every internal topic has a single replica.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        // Fewer internal partitions than the default 50: creating them is most of the time a
        // first consumer group or transaction waits for.
        properties.put("offsets.topic.num.partitions", "4");
        properties.put("transaction.state.log.num.partitions", "4");
        properties.put("share.coordinator.state.topic.num.partitions", "4");

        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "1");
        // Room for oversized records in tests of bad data (the default limit is about 1 MB).
        properties.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
        properties.put("group.initial.rebalance.delay.ms", "0");

        // Sized for a laptop or a small CI machine rather than a production broker.
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "4");
        properties.put("background.threads", "4");
        properties.put("num.recovery.threads.per.data.dir", "1");
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        properties.put("log.cleaner.threads", "1");
        return properties;
    }

    private static void addSaslListener(Properties properties, int saslPort) {
        String listener = "SASL_PLAINTEXT://" + HOST + ":" + saslPort;
        properties.put("listeners", properties.getProperty("listeners") + "," + listener);
        properties.put(
                "advertised.listeners",
                properties.getProperty("advertised.listeners") + "," + listener);
        properties.put(
                "listener.security.protocol.map",
                properties.getProperty("listener.security.protocol.map")
                        + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
        properties.put("sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512,PLAIN");
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        properties.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", scram);
        properties.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scram);
        properties.put(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                        + PLAIN_USER
                        + "=\""
                        + PLAIN_PASSWORD
                        + "\";");
    }

    private static void formatIfNeeded(Path directory) {
        if (Files.exists(directory.resolve("meta.properties"))) {
            log.debug("Reusing formatted Kafka data directory {}", directory);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + directory, e);
        }
        log.debug("Formatted Kafka data directory: {}", output.toString(UTF_8).trim());
    }

    private void awaitBrokerReady() {
        try {
            if (admin().describeCluster()
                    .nodes()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty()) {
                throw new IllegalStateException("Kafka broker reports no nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker did not become ready", e);
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL_PLAINTEXT listener of a broker from {@link #startWithSasl()}. */
    public String saslBootstrapServers() {
        return saslBootstrapServers.orElseThrow(
                () -> new IllegalStateException("this broker has no SASL listener"));
    }

    /**
     * Creates (or changes the password of) a SCRAM user on a broker from {@link #startWithSasl()}.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     */
    public void createScramUser(String user, String password, String mechanism) {
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        ScramMechanism scram = ScramMechanism.fromMechanismName(mechanism);
        if (scram == ScramMechanism.UNKNOWN) {
            throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
        }
        try {
            admin().alterUserScramCredentials(
                            List.of(
                                    new UserScramCredentialUpsertion(
                                            user, new ScramCredentialInfo(scram, 4096), password)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create SCRAM user " + user, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating user " + user, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating SCRAM user " + user, e);
        }
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates a topic with one replica and waits until every partition has a leader, so that the
     * next produce or describe sees it. Does nothing if the topic already exists (whatever its
     * partition count).
     */
    public void createTopic(String name, int partitions) {
        requireNonNull(name, "name is null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name, e);
        }
        awaitLeaders(name);
    }

    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin().describeTopics(List.of(topic))
                                .allTopicNames()
                                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                TopicDescription description = descriptions.get(topic);
                if (description != null
                        && description.partitions().stream()
                                .allMatch(partition -> partition.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                // Metadata not yet propagated from the controller to the broker: retry below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic " + topic, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out describing topic " + topic, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + topic + " has no leader");
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("Kafka broker is closed");
        }
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-embedded-kafka-admin");
            admin = Admin.create(properties);
        }
        return admin;
    }

    /** Stops the broker; a temporary data directory is deleted. Does nothing on the shared one. */
    @Override
    public void close() {
        if (shared) {
            return;
        }
        stop();
    }

    private void stop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
        long startNanos = System.nanoTime();
        shutdownQuietly(server);
        if (deleteDataOnClose) {
            Directories.deleteQuietly(dataDirectory);
        }
        log.info(
                "Kafka broker on {} stopped in {} ms",
                bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka broker did not shut down cleanly", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + ", " + dataDirectory + "]";
    }
}
