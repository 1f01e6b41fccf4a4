package io.sluice.clients;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class TestLoadGenerator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Test
    void sameSeedGivesTheSameEvents() {
        LoadGenerator first = new LoadGenerator(7);
        LoadGenerator second = new LoadGenerator(7);
        LoadGenerator other = new LoadGenerator(8);

        for (int i = 0; i < 1000; i++) {
            byte[] event = first.next();
            assertThat(second.next()).isEqualTo(event);
            assertThat(other.next()).isNotEqualTo(event);
        }
    }

    @Test
    void eventsAreBetween300And350Bytes() {
        LoadGenerator generator = new LoadGenerator(42);
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 0; i < 50_000; i++) {
            int size = generator.next().length;
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
        }

        assertThat(smallest).isGreaterThanOrEqualTo(LoadGenerator.MIN_EVENT_BYTES);
        assertThat(largest).isLessThanOrEqualTo(LoadGenerator.MAX_EVENT_BYTES);
        // Sizes spread over the range rather than sitting at one value.
        assertThat(largest - smallest).isGreaterThan(30);
    }

    @Test
    void eventsAreValidJsonOfTheArticleShape() throws Exception {
        LoadGenerator generator = new LoadGenerator(3);
        Instant previous = LoadGenerator.DEFAULT_START;
        for (int i = 0; i < 5_000; i++) {
            JsonNode event = MAPPER.readTree(new String(generator.next(), UTF_8));

            assertThat(event.isObject()).isTrue();
            assertThat(fieldNames(event))
                    .containsExactly(
                            "id",
                            "timestamp",
                            "ip",
                            "user_id",
                            "platform",
                            "app_version",
                            "type",
                            "properties");
            assertThat(UUID.fromString(event.get("id").asText()).version()).isEqualTo(4);
            Instant timestamp =
                    Instant.from(
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(
                                    event.get("timestamp").asText()));
            assertThat(timestamp).isAfterOrEqualTo(previous);
            previous = timestamp;
            assertThat(event.get("ip").asText()).matches(IPV4);
            assertThat(event.get("user_id").asText()).matches("[a-z]+_[a-z]+\\d+");
            assertThat(event.get("platform").asText()).isIn("ios", "android", "web");
            assertThat(event.get("app_version").asText()).matches("v\\d+\\.\\d+");
            assertThat(event.get("properties").isObject()).isTrue();
            assertThat(event.get("properties").get("session_id").asText()).hasSize(16);
        }
    }

    @Test
    void typesFollowARealisticMix() throws Exception {
        LoadGenerator generator = new LoadGenerator(11);
        Map<String, Integer> counts = new HashMap<>();
        int events = 20_000;
        for (int i = 0; i < events; i++) {
            counts.merge(MAPPER.readTree(generator.next()).get("type").asText(), 1, Integer::sum);
        }

        assertThat(counts.keySet())
                .containsExactlyInAnyOrder(
                        "page_view",
                        "click",
                        "login",
                        "search",
                        "add_to_cart",
                        "purchase",
                        "account_created",
                        "logout",
                        "share");
        assertThat(share(counts, "account_created", events)).isBetween(0.04, 0.06);
        assertThat(share(counts, "page_view", events)).isBetween(0.37, 0.43);
        assertThat(share(counts, "purchase", events)).isBetween(0.03, 0.05);
    }

    @Test
    void usersKeepTheirPlatformAndAddress() throws Exception {
        LoadGenerator generator = new LoadGenerator(5);
        Map<String, Set<String>> devicesByUser = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            JsonNode event = MAPPER.readTree(generator.next());
            String device =
                    event.get("platform").asText()
                            + " "
                            + event.get("app_version").asText()
                            + " "
                            + event.get("ip").asText();
            devicesByUser
                    .computeIfAbsent(event.get("user_id").asText(), user -> new HashSet<>())
                    .add(device);
        }

        assertThat(devicesByUser).hasSizeGreaterThan(500);
        assertThat(devicesByUser.values()).allSatisfy(devices -> assertThat(devices).hasSize(1));
    }

    private static double share(Map<String, Integer> counts, String type, int total) {
        return counts.getOrDefault(type, 0) / (double) total;
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
