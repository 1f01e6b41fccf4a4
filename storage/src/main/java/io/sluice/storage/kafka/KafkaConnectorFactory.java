package io.sluice.storage.kafka;

import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.OptionType;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import io.sluice.executor.spi.TableRole;
import java.util.List;

/** The {@code kafka} connector: reads a topic as a source table. */
public final class KafkaConnectorFactory implements ConnectorFactory {
    public static final String NAME = "kafka";

    static final String BOOTSTRAP_SERVERS = "bootstrap_servers";
    static final String TOPIC = "topic";
    static final String FORMAT = "format";
    static final String JSON_UNSTRUCTURED = "json.unstructured";
    static final String SOURCE_OFFSET = "source.offset";
    static final String GROUP_ID = "group_id";
    static final String BAD_DATA = "bad_data";
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
                            .allowedValues("json", "raw_string")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "How records are decoded: 'json' (one object per record,"
                                            + " members matched to columns by name) or"
                                            + " 'raw_string' (the whole record as the text column"
                                            + " 'value').")
                            .build(),
                    OptionSpec.builder(JSON_UNSTRUCTURED, OptionType.BOOLEAN)
                            .defaultValue("false")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "With format 'json': keep each record whole in the single"
                                            + " column 'value JSON' instead of matching members"
                                            + " to columns.")
                            .build(),
                    OptionSpec.builder(SOURCE_OFFSET, OptionType.ENUM)
                            .defaultValue("latest")
                            .allowedValues("latest", "earliest")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Where a pipeline without a checkpoint starts reading:"
                                            + " 'latest' (only new records) or 'earliest' (the"
                                            + " oldest record retained).")
                            .build(),
                    OptionSpec.builder(GROUP_ID, OptionType.STRING)
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "Consumer group id reported to the brokers. Partitions are"
                                            + " assigned by Sluice, not by the group, and"
                                            + " positions live in Sluice checkpoints.")
                            .build(),
                    OptionSpec.builder(BAD_DATA, OptionType.ENUM)
                            .defaultValue("fail")
                            .allowedValues("fail", "drop")
                            .roles(TableRole.SOURCE)
                            .doc(
                                    "What to do with a record that cannot be decoded: 'fail'"
                                            + " stops the pipeline with an error naming the"
                                            + " record, 'drop' reports and skips it.")
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
    public Source createSource(SourceContext context) {
        return KafkaSource.open(
                context, KafkaSourceConfig.from(context.options(), context.schema()));
    }
}
