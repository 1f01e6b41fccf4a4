package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.ConnectorOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How to reach and authenticate to the brokers: the connection options shared by every Kafka client
 * Sluice opens (source consumer, dead-letter producer, validation), turned into client properties.
 * The password is kept out of {@link #toString()}.
 */
final class KafkaConnection {
    enum Auth {
        NONE,
        SASL
    }

    private final String bootstrapServers;
    private final Auth auth;
    private final String protocol;
    private final String mechanism;
    private final Optional<String> username;
    private final Optional<String> password;
    private final boolean tls;
    private final Optional<String> caFile;
    private final Map<String, String> clientConfigs;

    private KafkaConnection(
            String bootstrapServers,
            Auth auth,
            String protocol,
            String mechanism,
            Optional<String> username,
            Optional<String> password,
            boolean tls,
            Optional<String> caFile,
            Map<String, String> clientConfigs) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.mechanism = requireNonNull(mechanism, "mechanism is null");
        this.username = requireNonNull(username, "username is null");
        this.password = requireNonNull(password, "password is null");
        this.tls = tls;
        this.caFile = requireNonNull(caFile, "caFile is null");
        this.clientConfigs = Map.copyOf(clientConfigs);
    }

    static KafkaConnection from(ConnectorOptions values) {
        Auth auth =
                values.getEnum(KafkaConnectorFactory.AUTH_TYPE).equals("sasl")
                        ? Auth.SASL
                        : Auth.NONE;
        String protocol =
                values.getEnum(KafkaConnectorFactory.AUTH_PROTOCOL).toUpperCase(Locale.ROOT);
        String mechanism =
                values.getEnum(KafkaConnectorFactory.AUTH_MECHANISM).toUpperCase(Locale.ROOT);
        Optional<String> username = values.get(KafkaConnectorFactory.AUTH_USERNAME);
        Optional<String> password = values.get(KafkaConnectorFactory.AUTH_PASSWORD);
        if (auth == Auth.SASL && (username.isEmpty() || password.isEmpty())) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "auth.type 'sasl' needs the options 'auth.username' and 'auth.password'");
        }
        boolean tls =
                values.getBoolean(KafkaConnectorFactory.TLS_ENABLED)
                        || (auth == Auth.SASL && protocol.equals("SASL_SSL"));
        return new KafkaConnection(
                values.getRequired(KafkaConnectorFactory.BOOTSTRAP_SERVERS),
                auth,
                protocol,
                mechanism,
                username,
                password,
                tls,
                values.get(KafkaConnectorFactory.TLS_CA_FILE),
                parseClientConfigs(values.get(KafkaConnectorFactory.CLIENT_CONFIGS).orElse("")));
    }

    /**
     * Parses {@code client_configs}: {@code key=value} entries separated by semicolons or line
     * breaks, e.g. {@code 'fetch.min.bytes=65536; request.timeout.ms=60000'}.
     */
    static Map<String, String> parseClientConfigs(String text) {
        Map<String, String> configs = new LinkedHashMap<>();
        for (String entry : text.split("[;\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "option 'client_configs' must be key=value entries separated by ';', got"
                                + " \""
                                + entry.trim()
                                + "\"");
            }
            configs.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return configs;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties for any Kafka client: brokers, security, then {@code client_configs}. */
    Properties properties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        String securityProtocol;
        if (auth == Auth.SASL) {
            securityProtocol = tls ? "SASL_SSL" : "SASL_PLAINTEXT";
            properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
        } else {
            securityProtocol = tls ? "SSL" : "PLAINTEXT";
        }
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        // Without a CA file the JDK's default trust store (the system's CAs) is used.
        caFile.ifPresent(
                file -> {
                    properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
                    properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, file);
                });
        properties.putAll(clientConfigs);
        return properties;
    }

    private String jaasConfig() {
        String module =
                mechanism.equals("PLAIN")
                        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module
                + " required username=\""
                + escape(username.orElseThrow())
                + "\" password=\""
                + escape(password.orElseThrow())
                + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaConnection{"
                + bootstrapServers
                + ", auth="
                + auth
                + (auth == Auth.SASL ? " " + mechanism + " user " + username.orElse("") : "")
                + ", tls="
                + tls
                + "}";
    }
}
