package io.sluice.storage.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds S3 clients from {@link S3Settings}, with the small JDK HTTP client.
 *
 * <p>Every request is retried with exponential backoff on throttling, 5xx answers, broken
 * connections and attempts that run past the request timeout. The retry quota (circuit breaker) of
 * the SDK's standard strategy is off: a sink must ride out a long spell of errors from a flaky
 * store rather than fail its checkpoint after a burst of them, and every S3 call Sluice makes is
 * safe to repeat (uploads overwrite the same key or part, completions are verified).
 */
public final class S3Clients {
    private S3Clients() {}

    public static S3Client create(S3Settings settings) {
        AwsCredentialsProvider credentials =
                settings.accessKeyId().isPresent()
                        ? StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        settings.accessKeyId().get(),
                                        settings.secretAccessKey().get()))
                        : DefaultCredentialsProvider.builder().build();
        var builder =
                S3Client.builder()
                        .region(Region.of(settings.region()))
                        .credentialsProvider(credentials)
                        .overrideConfiguration(
                                ClientOverrideConfiguration.builder()
                                        .retryStrategy(
                                                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                                        .maxAttempts(settings.maxAttempts())
                                                        .circuitBreakerEnabled(false)
                                                        .build())
                                        .apiCallAttemptTimeout(settings.requestTimeout())
                                        .build())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .serviceConfiguration(
                                S3Configuration.builder()
                                        .pathStyleAccessEnabled(settings.pathStyle())
                                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
