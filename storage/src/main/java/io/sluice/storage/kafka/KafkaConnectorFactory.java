package io.sluice.storage.kafka;

import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.OptionType;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import io.sluice.executor.spi.TableRole;
import io.sluice.storage.ConnectorOptions;
import java.util.List;
import java.util.Map;

/** The {@code kafka} connector: reads a topic as a source table. */
public final class KafkaConnectorFactory implements ConnectorFactory {
    public static final String NAME = "kafka";

    static final String BOOTSTRAP_SERVERS = "bootstrap_servers";
    static final String TOPIC = "topic";
    static final String FORMAT = "format";
    static final String JSON_UNSTRUCTURED = "json.unstructured";
    static final String JSON_TIMESTAMP_FORMAT = "json.timestamp_format";
    static final String SOURCE_OFFSET = "source.offset";
    static final String READ_MODE = "source.read_mode";
    static final String GROUP_ID = "source.group_id";
    static final String GROUP_ID_PREFIX = "source.group_id_prefix";
    static final String BAD_DATA = "bad_data";
    static final String DLQ_TOPIC = "dlq.topic";
    static final String AUTH_TYPE = "auth.type";
    static final String AUTH_PROTOCOL = "auth.protocol";
    static final String AUTH_MECHANISM = "auth.mechanism";
    static final String AUTH_USERNAME = "auth.username";
    static final String AUTH_PASSWORD = "auth.password";
    static final String TLS_ENABLED = "tls.enabled";
    static final String TLS_CA_FILE = "tls.ca_file";
    static final String CLIENT_CONFIGS = "client_configs";
    static final String METADATA_COLUMNS = "metadata_columns";

    static final List<OptionSpec> OPTIONS =
            List.of(
                    OptionSpec.builder(BOOTSTRAP_SERVERS, OptionType.STRING)
                            .required()
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Kafka brokers to connect to, as host:port[,host:port...];"
                                            + " usually given by the connection profile.")
                            .build(),
                    OptionSpec.builder(TOPIC, OptionType.STRING)
                            .required()
                            .roles(TableRole.SOURCE)
                            .doc("The topic to read.")
                            .build(),
                    OptionSpec.builder(FORMAT, OptionType.ENUM)
                            .defaultValue("json")
                            .allowedValues("json", "raw_string", "raw_bytes")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "How records are decoded: 'json' (one object per record,"
                                            + " members matched to columns by name),"
                                            + " 'raw_string' (the whole record as the text column"
                                            + " 'value') or 'raw_bytes' (the whole record as the"
                                            + " BYTEA column 'value').")
                            .build(),
                    OptionSpec.builder(JSON_UNSTRUCTURED, OptionType.BOOLEAN)
                            .defaultValue("false")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "With format 'json': keep each record whole in the single"
                                            + " column 'value JSON' instead of matching members"
                                            + " to columns.")
                            .build(),
                    OptionSpec.builder(JSON_TIMESTAMP_FORMAT, OptionType.ENUM)
                            .defaultValue("rfc3339")
                            .allowedValues("rfc3339", "unix_millis", "unix_seconds", "unix_micros")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "With format 'json': how a number in a TIMESTAMP or"
                                            + " TIMESTAMPTZ column is read ('rfc3339' and"
                                            + " 'unix_millis': epoch milliseconds;"
                                            + " 'unix_seconds'; 'unix_micros'). A string is always"
                                            + " read as an RFC 3339 timestamp.")
                            .build(),
                    OptionSpec.builder(SOURCE_OFFSET, OptionType.ENUM)
                            .defaultValue("latest")
                            .allowedValues("latest", "earliest", "group")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Where a pipeline without a checkpoint starts reading:"
                                            + " 'latest' (only new records), 'earliest' (the"
                                            + " oldest record retained) or 'group' (the offsets"
                                            + " committed by the consumer group; 'earliest' for"
                                            + " partitions without one). A pipeline restarting"
                                            + " from a checkpoint always resumes there.")
                            .build(),
                    OptionSpec.builder(READ_MODE, OptionType.ENUM)
                            .defaultValue("read_uncommitted")
                            .allowedValues("read_uncommitted", "read_committed")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "'read_committed' reads only records of committed"
                                            + " transactions (records of aborted transactions"
                                            + " never appear); 'read_uncommitted' reads every"
                                            + " record as soon as it is written.")
                            .build(),
                    OptionSpec.builder(GROUP_ID, OptionType.STRING)
                            .aliases("group_id")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Consumer group the source commits its offsets to after"
                                            + " each completed checkpoint, for lag tools and"
                                            + " source.offset = 'group'. Partitions are assigned"
                                            + " by Sluice, not by the group, and positions live"
                                            + " in Sluice checkpoints. Default:"
                                            + " <prefix>-<pipeline>-<operator>.")
                            .build(),
                    OptionSpec.builder(GROUP_ID_PREFIX, OptionType.STRING)
                            .aliases("group_id_prefix")
                            .defaultValue("sluice")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Prefix of the consumer group id made up when"
                                            + " source.group_id is not given, e.g. to match"
                                            + " group ACLs.")
                            .build(),
                    OptionSpec.builder(BAD_DATA, OptionType.ENUM)
                            .defaultValue("fail")
                            .allowedValues("fail", "drop", "dlq")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "What to do with a record that cannot be decoded: 'fail'"
                                            + " stops the pipeline with an error naming the"
                                            + " topic, partition and offset; 'drop' counts and"
                                            + " skips it; 'dlq' writes it to the dead-letter"
                                            + " topic 'dlq.topic' before the next checkpoint"
                                            + " completes.")
                            .build(),
                    OptionSpec.builder(DLQ_TOPIC, OptionType.STRING)
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "The dead-letter topic for bad_data = 'dlq', on the same"
                                            + " brokers. Each record keeps its key, value and"
                                            + " headers and gains the headers sluice.error,"
                                            + " sluice.source.topic, sluice.source.partition and"
                                            + " sluice.source.offset.")
                            .build(),
                    OptionSpec.builder(AUTH_TYPE, OptionType.ENUM)
                            .defaultValue("none")
                            .allowedValues("none", "sasl")
                            .roles(TableRole.SOURCE)
                            .doc("How Sluice authenticates to the brokers: 'none' or 'sasl'.")
                            .build(),
                    OptionSpec.builder(AUTH_PROTOCOL, OptionType.ENUM)
                            .defaultValue("sasl_ssl")
                            .allowedValues("sasl_ssl", "sasl_plaintext")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "With auth.type = 'sasl': 'SASL_SSL' (TLS-encrypted, the"
                                            + " default) or 'SASL_PLAINTEXT'.")
                            .build(),
                    OptionSpec.builder(AUTH_MECHANISM, OptionType.ENUM)
                            .defaultValue("plain")
                            .allowedValues("plain", "scram-sha-256", "scram-sha-512")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "With auth.type = 'sasl': 'PLAIN', 'SCRAM-SHA-256' or"
                                            + " 'SCRAM-SHA-512'.")
                            .build(),
                    OptionSpec.builder(AUTH_USERNAME, OptionType.STRING)
                            .roles(TableRole.SOURCE)
                            .doc("With auth.type = 'sasl': the user name.")
                            .build(),
                    OptionSpec.builder(AUTH_PASSWORD, OptionType.STRING)
                            .sensitive()
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "With auth.type = 'sasl': the password; never shown. Use"
                                            + " {{ VAR }} to take it from the environment.")
                            .build(),
                    OptionSpec.builder(TLS_ENABLED, OptionType.BOOLEAN)
                            .defaultValue("false")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Connect with TLS (implied by auth.protocol ="
                                            + " 'SASL_SSL'). The brokers' certificates are checked"
                                            + " against tls.ca_file, or the system's trusted CAs.")
                            .build(),
                    OptionSpec.builder(TLS_CA_FILE, OptionType.STRING)
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "PEM file with the CA certificates that signed the"
                                            + " brokers' certificates; default: the system's"
                                            + " trusted CAs.")
                            .build(),
                    OptionSpec.builder(CLIENT_CONFIGS, OptionType.STRING)
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Any other Kafka client setting, as key=value entries"
                                            + " separated by ';', e.g. 'fetch.min.bytes=65536;"
                                            + " client.rack=eu-west-1a'. Settings Sluice relies"
                                            + " on (deserializers, auto commit, isolation level)"
                                            + " cannot be overridden.")
                            .build(),
                    OptionSpec.builder(METADATA_COLUMNS, OptionType.STRING)
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Columns filled from record metadata, as column=key pairs"
                                            + " (keys: offset_id, partition, topic, timestamp,"
                                            + " key). Written by the planner from METADATA FROM"
                                            + " column clauses.")
                            .build());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public List<TableRole> roles() {
        return List.of(TableRole.SOURCE);
    }

    @Override
    public String validateConnection(Map<String, String> options) {
        ConnectorOptions values = new ConnectorOptions(OPTIONS, options);
        return new KafkaConnectionValidator(KafkaConnection.from(values))
                .validate(values.get(TOPIC));
    }

    @Override
    public Source createSource(SourceContext context) {
        return KafkaSource.open(
                context, KafkaSourceConfig.from(context.options(), context.schema()));
    }
}
