package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import io.sluice.storage.ConnectorOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Kafka source options, parsed and checked against the table's columns. */
record KafkaSourceConfig(
        KafkaConnection connection,
        String topic,
        Format format,
        TimestampFormat timestampFormat,
        StartOffset startOffset,
        boolean readCommitted,
        Optional<String> groupId,
        String groupIdPrefix,
        BadData badData,
        Optional<String> deadLetterTopic,
        MetadataColumns metadata) {

    enum Format {
        /** One JSON object per record, members matched to columns by name. */
        JSON,
        /** {@code json.unstructured}: each record whole into a single {@code value} column. */
        JSON_UNSTRUCTURED,
        /** {@code raw_string}: each record's bytes as text into a single {@code value} column. */
        RAW_STRING,
        /** {@code raw_bytes}: each record's bytes unchanged into a single BYTEA {@code value}. */
        RAW_BYTES
    }

    enum StartOffset {
        LATEST,
        EARLIEST,
        /** The consumer group's committed offsets; earliest where the group has none. */
        GROUP
    }

    enum BadData {
        FAIL,
        DROP,
        DLQ
    }

    KafkaSourceConfig {
        requireNonNull(connection, "connection is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(format, "format is null");
        requireNonNull(timestampFormat, "timestampFormat is null");
        requireNonNull(startOffset, "startOffset is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(groupIdPrefix, "groupIdPrefix is null");
        requireNonNull(badData, "badData is null");
        requireNonNull(deadLetterTopic, "deadLetterTopic is null");
        requireNonNull(metadata, "metadata is null");
    }

    static KafkaSourceConfig from(Map<String, String> options, RowSchema schema) {
        ConnectorOptions values = new ConnectorOptions(KafkaConnectorFactory.OPTIONS, options);
        Format format;
        String formatName = values.getEnum(KafkaConnectorFactory.FORMAT);
        if (formatName.equals("raw_string")) {
            format = Format.RAW_STRING;
        } else if (formatName.equals("raw_bytes")) {
            format = Format.RAW_BYTES;
        } else if (values.getBoolean(KafkaConnectorFactory.JSON_UNSTRUCTURED)) {
            format = Format.JSON_UNSTRUCTURED;
        } else {
            format = Format.JSON;
        }
        MetadataColumns metadata =
                MetadataColumns.parse(
                        values.get(KafkaConnectorFactory.METADATA_COLUMNS).orElse(null), schema);
        if (format != Format.JSON) {
            if (!metadata.isEmpty()) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "METADATA FROM columns need format 'json' with structured columns");
            }
            checkSingleValueColumn(schema, format);
        }
        BadData badData =
                BadData.valueOf(
                        values.getEnum(KafkaConnectorFactory.BAD_DATA).toUpperCase(Locale.ROOT));
        Optional<String> deadLetterTopic = values.get(KafkaConnectorFactory.DLQ_TOPIC);
        String topic = values.getRequired(KafkaConnectorFactory.TOPIC);
        if (badData == BadData.DLQ) {
            if (deadLetterTopic.isEmpty()) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "bad_data = 'dlq' needs the option 'dlq.topic' naming the dead-letter"
                                + " topic");
            }
            if (deadLetterTopic.get().equals(topic)) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "'dlq.topic' must differ from the topic the table reads");
            }
        }
        return new KafkaSourceConfig(
                KafkaConnection.from(values),
                topic,
                format,
                TimestampFormat.fromOption(
                        values.getEnum(KafkaConnectorFactory.JSON_TIMESTAMP_FORMAT)),
                StartOffset.valueOf(
                        values.getEnum(KafkaConnectorFactory.SOURCE_OFFSET)
                                .toUpperCase(Locale.ROOT)),
                values.getEnum(KafkaConnectorFactory.READ_MODE).equals("read_committed"),
                values.get(KafkaConnectorFactory.GROUP_ID),
                values.getRequired(KafkaConnectorFactory.GROUP_ID_PREFIX),
                badData,
                deadLetterTopic,
                metadata);
    }

    /** The consumer group: source.group_id, else one made up per pipeline and operator. */
    String consumerGroup(String pipeline, String operatorId) {
        return groupId.orElseGet(() -> groupIdPrefix + "-" + pipeline + "-" + operatorId);
    }

    private static void checkSingleValueColumn(RowSchema schema, Format format) {
        if (format == Format.RAW_BYTES) {
            if (schema.size() != 1 || schema.column(0).type().kind() != TypeKind.BYTEA) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "format 'raw_bytes' needs exactly one column of type BYTEA, e.g. (value"
                                + " BYTEA)");
            }
            return;
        }
        boolean ok =
                schema.size() == 1
                        && (schema.column(0).type().kind() == TypeKind.TEXT
                                || schema.column(0).type().kind() == TypeKind.JSON);
        if (!ok) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    (format == Format.RAW_STRING ? "format 'raw_string'" : "'json.unstructured'")
                            + " needs exactly one column of type TEXT or JSON, e.g. (value"
                            + " JSON)");
        }
    }
}
