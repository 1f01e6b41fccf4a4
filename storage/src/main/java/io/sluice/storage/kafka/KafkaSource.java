package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.BadRecordReporter;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions of one topic that belong to one subtask ({@code partition % parallelism ==
 * subtask}) and decodes their records into a reused Arrow batch. Partitions are assigned directly,
 * never through group rebalancing, and positions come from the checkpoint: Sluice, not the broker,
 * owns them.
 */
public final class KafkaSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(KafkaSource.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RECORDS_PER_POLL = 4096;

    /** How often the topic's partitions are listed again, so partitions added later are read. */
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    /** While the topic has no partition for this subtask yet, look more often. */
    private static final Duration EMPTY_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    private final KafkaSourceConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final VectorSchemaRoot root;
    private final RowDecoder decoder;
    private final BadRecordReporter badRecords;
    private final Map<Integer, Long> nextOffsets;
    private final SourceContext context;
    private long nextDiscoveryNanos;

    private KafkaSource(
            SourceContext context,
            KafkaSourceConfig config,
            KafkaConsumer<byte[], byte[]> consumer,
            VectorSchemaRoot root,
            RowDecoder decoder,
            BadRecordReporter badRecords,
            Map<Integer, Long> nextOffsets) {
        this.config = requireNonNull(config, "config is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.root = requireNonNull(root, "root is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.badRecords = requireNonNull(badRecords, "badRecords is null");
        this.nextOffsets = nextOffsets;
        this.context = requireNonNull(context, "context is null");
        this.nextDiscoveryNanos = System.nanoTime() + discoveryInterval().toNanos();
    }

    static KafkaSource open(SourceContext context, KafkaSourceConfig config) {
        RowDecoder decoder =
                switch (config.format()) {
                    case JSON -> new JsonRowDecoder(context.schema(), config.metadata().columns());
                    case JSON_UNSTRUCTURED -> new WholeRecordDecoder(true);
                    case RAW_STRING -> new WholeRecordDecoder(false);
                };
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(context, config));
        VectorSchemaRoot root = null;
        try {
            Map<Integer, Long> positions =
                    assign(
                            consumer,
                            context,
                            config,
                            context.restoredState().map(KafkaOffsets::decode));
            root = VectorSchemaRoot.create(context.schema().toArrowSchema(), context.allocator());
            root.allocateNew();
            decoder.bind(root);
            config.metadata().bind(root);
            return new KafkaSource(
                    context, config, consumer, root, decoder, context.badRecords(), positions);
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    private static Properties consumerProperties(SourceContext context, KafkaSourceConfig config) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Only reached when a stored position fell out of retention: reading what is left beats
        // skipping to the end.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_RECORDS_PER_POLL);
        // Reading a topic must never create it as a side effect.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "sluice-"
                        + context.pipeline()
                        + "-"
                        + context.operatorId()
                        + "-"
                        + context.subtask());
        config.groupId().ifPresent(group -> properties.put(ConsumerConfig.GROUP_ID_CONFIG, group));
        return properties;
    }

    private static Map<Integer, Long> assign(
            KafkaConsumer<byte[], byte[]> consumer,
            SourceContext context,
            KafkaSourceConfig config,
            java.util.Optional<Map<Integer, Long>> restored) {
        List<TopicPartition> mine = partitionsOf(consumer, context, config);
        if (mine.isEmpty()) {
            log.warn(
                    "Kafka topic '{}' has no partition for {}/{} subtask {} yet; waiting for it",
                    config.topic(),
                    context.pipeline(),
                    context.operatorId(),
                    context.subtask());
        }
        consumer.assign(mine);
        Map<Integer, Long> positions = new TreeMap<>();
        Map<TopicPartition, Long> starts;
        if (restored.isPresent()) {
            // Partitions added since the checkpoint start at the beginning, so nothing is lost.
            starts = new java.util.HashMap<>(consumer.beginningOffsets(mine, METADATA_TIMEOUT));
            for (TopicPartition partition : mine) {
                Long stored = restored.get().get(partition.partition());
                if (stored != null) {
                    starts.put(partition, stored);
                }
            }
        } else if (config.startOffset() == KafkaSourceConfig.StartOffset.EARLIEST) {
            starts = consumer.beginningOffsets(mine, METADATA_TIMEOUT);
        } else {
            starts = consumer.endOffsets(mine, METADATA_TIMEOUT);
        }
        for (TopicPartition partition : mine) {
            long offset = starts.get(partition);
            consumer.seek(partition, offset);
            positions.put(partition.partition(), offset);
        }
        log.info(
                "Kafka source {}/{} subtask {} reads {} at {}",
                context.pipeline(),
                context.operatorId(),
                context.subtask(),
                config.topic(),
                positions);
        return positions;
    }

    /** This subtask's partitions of the topic; empty while the topic does not exist. */
    private static List<TopicPartition> partitionsOf(
            KafkaConsumer<byte[], byte[]> consumer,
            SourceContext context,
            KafkaSourceConfig config) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(config.topic(), METADATA_TIMEOUT);
        } catch (KafkaException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_UNAVAILABLE,
                    "cannot read metadata of Kafka topic '"
                            + config.topic()
                            + "' from "
                            + config.bootstrapServers()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        List<TopicPartition> mine = new ArrayList<>();
        if (partitions == null) {
            return mine;
        }
        for (PartitionInfo partition : partitions) {
            if (partition.partition() % context.parallelism() == context.subtask()) {
                mine.add(new TopicPartition(config.topic(), partition.partition()));
            }
        }
        return mine;
    }

    /**
     * Picks up partitions that appeared since the last look (a topic created after the pipeline
     * started, or partitions added to it). They are read from their beginning: every record in them
     * arrived after this source started.
     */
    private void discoverPartitions() {
        List<TopicPartition> mine = partitionsOf(consumer, context, config);
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition partition : mine) {
            if (!nextOffsets.containsKey(partition.partition())) {
                added.add(partition);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        consumer.assign(mine);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(added, METADATA_TIMEOUT);
        for (TopicPartition partition : added) {
            long offset = starts.get(partition);
            consumer.seek(partition, offset);
            nextOffsets.put(partition.partition(), offset);
        }
        log.info(
                "Kafka source {}/{} subtask {} now also reads {} partitions {}",
                context.pipeline(),
                context.operatorId(),
                context.subtask(),
                config.topic(),
                added);
    }

    private Duration discoveryInterval() {
        return nextOffsets.isEmpty() ? EMPTY_DISCOVERY_INTERVAL : DISCOVERY_INTERVAL;
    }

    @Override
    public VectorSchemaRoot poll(Duration maxWait) {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
        if (System.nanoTime() >= nextDiscoveryNanos) {
            discoverPartitions();
            nextDiscoveryNanos = System.nanoTime() + discoveryInterval().toNanos();
        }
        if (nextOffsets.isEmpty()) {
            // No partition (yet) for this subtask: nothing to read, but do not spin.
            sleep(maxWait);
            root.setRowCount(0);
            return root;
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(maxWait);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorCode.QUERY_CANCELED, "Kafka source interrupted", e);
        } catch (KafkaException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "reading Kafka topic '" + config.topic() + "' failed: " + e.getMessage(),
                    e);
        }
        int rows = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] value = record.value() == null ? new byte[0] : record.value();
            try {
                decoder.decode(value, rows);
                config.metadata().write(record, rows);
                rows++;
            } catch (BadRecordException e) {
                String location = config.topic() + "/" + record.partition() + "@" + record.offset();
                if (!config.dropBadData()) {
                    throw new SluiceException(
                            ErrorCode.DATA_EXCEPTION,
                            "bad record in Kafka topic '"
                                    + config.topic()
                                    + "' partition "
                                    + record.partition()
                                    + " offset "
                                    + record.offset()
                                    + ": "
                                    + e.getMessage()
                                    + " (set bad_data = 'drop' to skip such records)");
                }
                badRecords.report(location, e.getMessage(), value);
            }
            nextOffsets.put(record.partition(), record.offset() + 1);
        }
        root.setRowCount(rows);
        return root;
    }

    private static void sleep(Duration maxWait) {
        try {
            Thread.sleep(maxWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public byte[] snapshotState() {
        return KafkaOffsets.encode(nextOffsets);
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } finally {
            root.close();
        }
    }
}
