package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The streams the ingest endpoint serves, read from the settings {@code
 * ingest.stream.<name>.<option>}. The stream {@code default} ({@code POST /ingest}) always exists
 * and produces to {@code ingest.topic} unless its own settings say otherwise.
 */
public final class IngestStreams {
    public static final String DEFAULT_STREAM = "default";

    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final Map<String, IngestStream> streams;

    private IngestStreams(Map<String, IngestStream> streams) {
        this.streams = Map.copyOf(streams);
    }

    /** Only the default stream, producing to {@code topic} unchanged. */
    public static IngestStreams single(String topic) {
        return of(IngestStream.plain(DEFAULT_STREAM, topic));
    }

    public static IngestStreams of(IngestStream... streams) {
        Map<String, IngestStream> byName = new LinkedHashMap<>();
        for (IngestStream stream : streams) {
            if (byName.put(stream.name(), stream) != null) {
                throw new IllegalArgumentException("duplicate stream " + stream.name());
            }
        }
        return new IngestStreams(byName);
    }

    /**
     * Reads the streams from settings given without their {@code ingest.stream.} prefix, e.g.
     * {@code clicks.topic = web-clicks}.
     *
     * @throws SluiceException for a malformed key, an unknown option or a stream without a topic
     */
    public static IngestStreams fromSettings(String defaultTopic, Map<String, String> settings) {
        requireNonNull(defaultTopic, "defaultTopic is null");
        Map<String, Map<String, String>> options = new TreeMap<>();
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            String key = entry.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw invalid(key, "must have the form ingest.stream.<name>.<option>");
            }
            String name = key.substring(0, dot);
            if (!STREAM_NAME.matcher(name).matches()) {
                throw invalid(key, "a stream name has only letters, digits, '_' and '-'");
            }
            options.computeIfAbsent(name, ignored -> new TreeMap<>())
                    .put(key.substring(dot + 1), entry.getValue().trim());
        }
        options.putIfAbsent(DEFAULT_STREAM, new TreeMap<>());
        Map<String, IngestStream> streams = new LinkedHashMap<>();
        options.forEach((name, values) -> streams.put(name, stream(name, values, defaultTopic)));
        return new IngestStreams(streams);
    }

    private static IngestStream stream(
            String name, Map<String, String> values, String defaultTopic) {
        String topic = null;
        Optional<String> partitionKey = Optional.empty();
        Optional<String> schema = Optional.empty();
        boolean receiveTime = false;
        boolean id = false;
        boolean clientIp = false;
        for (Map.Entry<String, String> option : values.entrySet()) {
            String key = "ingest.stream." + name + "." + option.getKey();
            String value = option.getValue();
            switch (option.getKey()) {
                case "topic" -> topic = value;
                case "partition_key" -> partitionKey = nonEmpty(value);
                case "schema" -> schema = nonEmpty(value).map(IngestStreams::tableName);
                case "enrich.receive_time" -> receiveTime = bool(key, value);
                case "enrich.id" -> id = bool(key, value);
                case "enrich.client_ip" -> clientIp = bool(key, value);
                default ->
                        throw invalid(
                                key,
                                "is not a stream option; use topic, partition_key, schema,"
                                        + " enrich.receive_time, enrich.id or enrich.client_ip");
            }
        }
        if (topic == null || topic.isEmpty()) {
            if (!name.equals(DEFAULT_STREAM)) {
                throw invalid("ingest.stream." + name + ".topic", "is required");
            }
            topic = defaultTopic;
        }
        return new IngestStream(
                name, topic, partitionKey, schema, new Enrichment(receiveTime, id, clientIp));
    }

    public Optional<IngestStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    public Collection<IngestStream> streams() {
        return streams.values();
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    // Unquoted SQL names are stored lower-case, as the parser folds them.
    private static String tableName(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "must be true or false, got \"" + value + "\"");
        };
    }

    private static SluiceException invalid(String key, String problem) {
        return new SluiceException(ErrorCode.INVALID_OPTION, "setting \"" + key + "\" " + problem);
    }
}
