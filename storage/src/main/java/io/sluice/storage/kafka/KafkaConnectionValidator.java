package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Connects to the brokers as a source would and reports the first thing that is wrong: unreachable
 * brokers (08006), rejected credentials (28P01), a missing topic (42704) or a missing ACL (42501).
 */
final class KafkaConnectionValidator {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final KafkaConnection connection;

    KafkaConnectionValidator(KafkaConnection connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    /** Returns a summary of what was checked; throws a {@link SluiceException} otherwise. */
    String validate(Optional<String> topic) {
        Properties properties = connection.properties();
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-validate");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS / 2);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
        try (Admin admin = Admin.create(properties)) {
            Collection<Node> nodes = await(admin.describeCluster().nodes(), "list the brokers");
            String summary =
                    "connected to "
                            + nodes.size()
                            + " Kafka broker(s) at "
                            + connection.bootstrapServers();
            if (topic.isPresent()) {
                var description =
                        await(
                                        admin.describeTopics(List.of(topic.get())).allTopicNames(),
                                        "describe topic '" + topic.get() + "'")
                                .get(topic.get());
                summary +=
                        "; topic '"
                                + topic.get()
                                + "' has "
                                + description.partitions().size()
                                + " partition(s)";
            }
            return summary;
        }
    }

    private <T> T await(KafkaFuture<T> future, String action) {
        try {
            return future.get(TIMEOUT_MILLIS + 1_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(ErrorCode.QUERY_CANCELED, "validation interrupted", e);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), action);
        }
    }

    private SluiceException translate(Throwable cause, String action) {
        if (cause instanceof AuthenticationException) {
            return new SluiceException(
                    ErrorCode.INVALID_PASSWORD,
                    "the Kafka brokers at "
                            + connection.bootstrapServers()
                            + " rejected the credentials ("
                            + connection
                            + "): "
                            + cause.getMessage(),
                    cause);
        }
        if (cause instanceof AuthorizationException) {
            return new SluiceException(
                    ErrorCode.INSUFFICIENT_PRIVILEGE,
                    "not allowed to " + action + " on Kafka: " + cause.getMessage(),
                    cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT,
                    "cannot " + action + ": it does not exist on " + connection.bootstrapServers(),
                    cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(cause);
        }
        return new SluiceException(
                ErrorCode.EXTERNAL_ERROR,
                "cannot " + action + " on Kafka: " + cause.getMessage(),
                cause);
    }

    private SluiceException unreachable(Throwable cause) {
        return new SluiceException(
                ErrorCode.EXTERNAL_UNAVAILABLE,
                "cannot reach the Kafka brokers at "
                        + connection.bootstrapServers()
                        + " within "
                        + TIMEOUT_MILLIS / 1000
                        + " s; check bootstrap_servers, the network and the TLS settings",
                cause);
    }
}
