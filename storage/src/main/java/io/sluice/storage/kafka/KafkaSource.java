package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.BadRecordReporter;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
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
 * owns them. After each completed checkpoint the positions are also committed to the consumer
 * group, so that the usual lag tools see how far the pipeline is.
 */
public final class KafkaSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(KafkaSource.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RECORDS_PER_POLL = 4096;

    /** How often the topic's partitions are listed again, so partitions added later are read. */
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    /** While the topic has no partition for this subtask yet, look more often. */
    private static final Duration EMPTY_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    private static final byte[] EMPTY = new byte[0];

    private final KafkaSourceConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final VectorSchemaRoot root;
    private final RowDecoder decoder;
    private final BadRecordReporter badRecords;
    private final Optional<DeadLetterQueue> deadLetters;
    private final Map<Integer, Long> nextOffsets;
    private final SourceContext context;
    private final KafkaSourceMetrics metrics;

    /** Positions handed out in checkpoints not completed yet, by epoch. */
    private final TreeMap<Long, Map<Integer, Long>> pendingCommits = new TreeMap<>();

    private long nextDiscoveryNanos;

    private KafkaSource(
            SourceContext context,
            KafkaSourceConfig config,
            KafkaConsumer<byte[], byte[]> consumer,
            VectorSchemaRoot root,
            RowDecoder decoder,
            Optional<DeadLetterQueue> deadLetters,
            Map<Integer, Long> nextOffsets,
            KafkaSourceMetrics metrics) {
        this.config = requireNonNull(config, "config is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.root = requireNonNull(root, "root is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.context = requireNonNull(context, "context is null");
        this.badRecords = context.badRecords();
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.nextOffsets = requireNonNull(nextOffsets, "nextOffsets is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.nextDiscoveryNanos = System.nanoTime() + discoveryInterval().toNanos();
    }

    static KafkaSource open(SourceContext context, KafkaSourceConfig config) {
        RowDecoder decoder =
                switch (config.format()) {
                    case JSON ->
                            new JsonRowDecoder(
                                    context.schema(),
                                    config.metadata().columns(),
                                    config.timestampFormat());
                    case JSON_UNSTRUCTURED -> new WholeRecordDecoder(true);
                    case RAW_STRING, RAW_BYTES -> new WholeRecordDecoder(false);
                };
        String clientId = clientId(context);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(context, config, clientId));
        VectorSchemaRoot root = null;
        DeadLetterQueue deadLetters = null;
        try {
            KafkaSourceMetrics metrics =
                    new KafkaSourceMetrics(
                            context.pipeline(), context.table(), config.topic(), context.subtask());
            Map<Integer, Long> positions =
                    assign(
                            consumer,
                            context,
                            config,
                            context.restoredState().map(KafkaOffsets::decode));
            for (Map.Entry<Integer, Long> position : positions.entrySet()) {
                metrics.partition(position.getKey()).position = position.getValue();
            }
            if (config.badData() == KafkaSourceConfig.BadData.DLQ) {
                deadLetters =
                        new DeadLetterQueue(
                                config.deadLetterTopic().orElseThrow(),
                                config.connection().properties(),
                                clientId + "-dlq");
            }
            root = VectorSchemaRoot.create(context.schema().toArrowSchema(), context.allocator());
            root.allocateNew();
            decoder.bind(root);
            config.metadata().bind(root);
            KafkaSource source =
                    new KafkaSource(
                            context,
                            config,
                            consumer,
                            root,
                            decoder,
                            Optional.ofNullable(deadLetters),
                            positions,
                            metrics);
            KafkaSources.register(metrics);
            return source;
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            if (deadLetters != null) {
                deadLetters.close();
            }
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    private static String clientId(SourceContext context) {
        return "sluice-"
                + context.pipeline()
                + "-"
                + context.operatorId()
                + "-"
                + context.subtask();
    }

    private static Properties consumerProperties(
            SourceContext context, KafkaSourceConfig config, String clientId) {
        Properties properties = config.connection().properties();
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Every position is set explicitly; one that falls out of retention while reading must
        // stop the pipeline (see poll), never be reset silently.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_RECORDS_PER_POLL);
        // Reading a topic must never create it as a side effect.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                config.readCommitted() ? "read_committed" : "read_uncommitted");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                config.consumerGroup(context.pipeline(), context.operatorId()));
        return properties;
    }

    private static Map<Integer, Long> assign(
            KafkaConsumer<byte[], byte[]> consumer,
            SourceContext context,
            KafkaSourceConfig config,
            Optional<Map<Integer, Long>> restored) {
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
        Map<TopicPartition, Long> earliest = beginningOffsets(consumer, config, mine);
        Map<TopicPartition, Long> starts = new HashMap<>();
        String origin;
        if (restored.isPresent()) {
            // Partitions added since the checkpoint start at the beginning, so nothing is lost.
            origin = "the checkpoint";
            starts.putAll(earliest);
            for (TopicPartition partition : mine) {
                Long stored = restored.get().get(partition.partition());
                if (stored != null) {
                    starts.put(partition, stored);
                }
            }
        } else if (config.startOffset() == KafkaSourceConfig.StartOffset.GROUP) {
            origin = "the consumer group";
            starts.putAll(earliest);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(new java.util.HashSet<>(mine), METADATA_TIMEOUT);
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    starts.put(entry.getKey(), entry.getValue().offset());
                }
            }
        } else if (config.startOffset() == KafkaSourceConfig.StartOffset.EARLIEST) {
            origin = "the earliest offsets";
            starts.putAll(earliest);
        } else {
            origin = "the latest offsets";
            starts.putAll(consumer.endOffsets(mine, METADATA_TIMEOUT));
        }
        Map<Integer, Long> positions = new TreeMap<>();
        for (TopicPartition partition : mine) {
            long offset = starts.get(partition);
            long first = earliest.get(partition);
            if (offset < first) {
                throw retentionGap(config.topic(), partition.partition(), offset, first, origin);
            }
            consumer.seek(partition, offset);
            positions.put(partition.partition(), offset);
        }
        log.info(
                "Kafka source {}/{} subtask {} reads {} at {} (from {})",
                context.pipeline(),
                context.operatorId(),
                context.subtask(),
                config.topic(),
                positions,
                origin);
        return positions;
    }

    private static Map<TopicPartition, Long> beginningOffsets(
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaSourceConfig config,
            List<TopicPartition> partitions) {
        try {
            return consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
        } catch (KafkaException e) {
            throw unavailable(config, e);
        }
    }

    private static SluiceException retentionGap(
            String topic, int partition, long stored, long earliest, String origin) {
        return new SluiceException(
                ErrorCode.DATA_EXCEPTION,
                "Kafka topic '"
                        + topic
                        + "' partition "
                        + partition
                        + ": the offset "
                        + stored
                        + " to resume from (from "
                        + origin
                        + ") is no longer retained; the earliest available offset is "
                        + earliest
                        + ", so records "
                        + stored
                        + " to "
                        + (earliest - 1)
                        + " were deleted before the pipeline read them. Drop and recreate the"
                        + " pipeline to start again from the retained records.");
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
            throw unavailable(config, e);
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

    private static SluiceException unavailable(KafkaSourceConfig config, KafkaException e) {
        return new SluiceException(
                ErrorCode.EXTERNAL_UNAVAILABLE,
                "cannot read metadata of Kafka topic '"
                        + config.topic()
                        + "' from "
                        + config.connection().bootstrapServers()
                        + ": "
                        + e.getMessage(),
                e);
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
        Map<TopicPartition, Long> starts = beginningOffsets(consumer, config, added);
        for (TopicPartition partition : added) {
            long offset = starts.get(partition);
            consumer.seek(partition, offset);
            nextOffsets.put(partition.partition(), offset);
            metrics.partition(partition.partition()).position = offset;
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
        } catch (OffsetOutOfRangeException e) {
            throw retentionGapWhileReading(e);
        } catch (KafkaException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "reading Kafka topic '" + config.topic() + "' failed: " + e.getMessage(),
                    e);
        }
        int rows = 0;
        KafkaSourceMetrics.Partition counters = null;
        int countersPartition = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.partition() != countersPartition) {
                countersPartition = record.partition();
                counters = metrics.partition(countersPartition);
            }
            byte[] value = record.value() == null ? EMPTY : record.value();
            try {
                decoder.decode(value, rows);
                config.metadata().write(record, rows);
                rows++;
                counters.emitted++;
            } catch (BadRecordException e) {
                handleBadRecord(record, value, e.getMessage(), counters);
            }
            nextOffsets.put(record.partition(), record.offset() + 1);
            counters.position = record.offset() + 1;
        }
        updateEndOffsets();
        root.setRowCount(rows);
        return root;
    }

    private void handleBadRecord(
            ConsumerRecord<byte[], byte[]> record,
            byte[] value,
            String reason,
            KafkaSourceMetrics.Partition counters) {
        switch (config.badData()) {
            case FAIL:
                throw new SluiceException(
                        ErrorCode.DATA_EXCEPTION,
                        "bad record in Kafka topic '"
                                + config.topic()
                                + "' partition "
                                + record.partition()
                                + " offset "
                                + record.offset()
                                + ": "
                                + reason
                                + " (set bad_data = 'drop' or 'dlq' to go on without such"
                                + " records)");
            case DLQ:
                deadLetters.orElseThrow().send(record, reason);
                counters.deadLettered++;
                break;
            case DROP:
                counters.dropped++;
                break;
        }
        badRecords.report(
                config.topic() + "/" + record.partition() + "@" + record.offset(), reason, value);
    }

    private SluiceException retentionGapWhileReading(OffsetOutOfRangeException e) {
        Map<TopicPartition, Long> gaps = e.offsetOutOfRangePartitions();
        TopicPartition partition = gaps.keySet().iterator().next();
        long earliest;
        try {
            earliest =
                    consumer.beginningOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        } catch (KafkaException lookup) {
            earliest = -1;
        }
        return retentionGap(
                config.topic(),
                partition.partition(),
                gaps.get(partition),
                earliest,
                "the position reached while reading");
    }

    /** Notes the end offsets the consumer learnt from its last fetch, for lag reporting. */
    private void updateEndOffsets() {
        for (Map.Entry<Integer, Long> entry : nextOffsets.entrySet()) {
            OptionalLong lag =
                    consumer.currentLag(new TopicPartition(config.topic(), entry.getKey()));
            if (lag.isPresent()) {
                metrics.partition(entry.getKey()).endOffset = entry.getValue() + lag.getAsLong();
            }
        }
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
        // Bad records of this checkpoint must be durable in the dead-letter topic before the
        // checkpoint can complete; otherwise a crash after it would lose them.
        deadLetters.ifPresent(DeadLetterQueue::flush);
        return KafkaOffsets.encode(nextOffsets);
    }

    @Override
    public byte[] snapshotState(long epoch) {
        byte[] state = snapshotState();
        pendingCommits.put(epoch, new TreeMap<>(nextOffsets));
        return state;
    }

    @Override
    public void checkpointCompleted(long epoch) {
        Map<Integer, Long> positions = null;
        for (Iterator<Map.Entry<Long, Map<Integer, Long>>> it =
                        pendingCommits.headMap(epoch, true).entrySet().iterator();
                it.hasNext(); ) {
            positions = it.next().getValue();
            it.remove();
        }
        if (positions == null || positions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<Integer, Long> entry : positions.entrySet()) {
            offsets.put(
                    new TopicPartition(config.topic(), entry.getKey()),
                    new OffsetAndMetadata(entry.getValue()));
        }
        for (Map.Entry<Integer, Long> entry : positions.entrySet()) {
            metrics.partition(entry.getKey()).committed = entry.getValue();
        }
        // Informative only (Sluice restores from its checkpoints): a failed commit is logged.
        consumer.commitAsync(
                offsets,
                (committed, exception) -> {
                    if (exception != null) {
                        log.warn(
                                "Kafka source {}/{} subtask {}: cannot commit offsets to the"
                                        + " consumer group: {}",
                                context.pipeline(),
                                context.operatorId(),
                                context.subtask(),
                                exception.getMessage());
                    }
                });
    }

    @Override
    public void close() {
        KafkaSources.unregister(metrics);
        try {
            deadLetters.ifPresent(DeadLetterQueue::close);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                root.close();
            }
        }
    }

    /** The counters of this source, for tests. */
    List<KafkaPartitionStatus> partitionStatuses() {
        return metrics.snapshot();
    }
}
