package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import io.sluice.storage.ConnectorOptions;
import java.util.Map;
import java.util.Optional;

/** The Kafka source options, parsed and checked against the table's columns. */
record KafkaSourceConfig(
        String bootstrapServers,
        String topic,
        Format format,
        StartOffset startOffset,
        Optional<String> groupId,
        boolean dropBadData,
        MetadataColumns metadata) {

    enum Format {
        /** One JSON object per record, members matched to columns by name. */
        JSON,
        /** {@code json.unstructured}: each record whole into a single {@code value} column. */
        JSON_UNSTRUCTURED,
        /** {@code raw_string}: each record's bytes as text into a single {@code value} column. */
        RAW_STRING
    }

    enum StartOffset {
        LATEST,
        EARLIEST
    }

    KafkaSourceConfig {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(format, "format is null");
        requireNonNull(startOffset, "startOffset is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(metadata, "metadata is null");
    }

    static KafkaSourceConfig from(Map<String, String> options, RowSchema schema) {
        ConnectorOptions values = new ConnectorOptions(KafkaConnectorFactory.OPTIONS, options);
        Format format;
        if (values.getEnum(KafkaConnectorFactory.FORMAT).equals("raw_string")) {
            format = Format.RAW_STRING;
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
        return new KafkaSourceConfig(
                values.getRequired(KafkaConnectorFactory.BOOTSTRAP_SERVERS),
                values.getRequired(KafkaConnectorFactory.TOPIC),
                format,
                values.getEnum(KafkaConnectorFactory.SOURCE_OFFSET).equals("earliest")
                        ? StartOffset.EARLIEST
                        : StartOffset.LATEST,
                values.get(KafkaConnectorFactory.GROUP_ID),
                values.getEnum(KafkaConnectorFactory.BAD_DATA).equals("drop"),
                metadata);
    }

    private static void checkSingleValueColumn(RowSchema schema, Format format) {
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
