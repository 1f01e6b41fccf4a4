package io.sluice.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestEmbeddedS3 {
    private static final String BUCKET = "lake";

    private Path directory;
    private EmbeddedS3 s3;
    private S3Client client;

    @BeforeAll
    void start(@TempDir Path directory) {
        this.directory = directory;
        s3 = EmbeddedS3.start(directory, "test-access", "test-secret");
        s3.createBucket(BUCKET);
        client = client(s3.secretKey());
    }

    @AfterAll
    void stop() {
        client.close();
        s3.close();
    }

    @Test
    void putsGetsAndListsObjectsStoredAsPlainFiles() throws Exception {
        client.putObject(
                request -> request.bucket(BUCKET).key("tables/t1/part-0.parquet"),
                RequestBody.fromString("first", UTF_8));
        client.putObject(
                request -> request.bucket(BUCKET).key("tables/t1/part-1.parquet"),
                RequestBody.fromString("second", UTF_8));

        assertThat(
                        client.getObjectAsBytes(
                                        request ->
                                                request.bucket(BUCKET)
                                                        .key("tables/t1/part-0.parquet"))
                                .asUtf8String())
                .isEqualTo("first");
        assertThat(
                        client.listObjectsV2(request -> request.bucket(BUCKET).prefix("tables/t1/"))
                                .contents())
                .extracting(S3Object::key)
                .containsExactly("tables/t1/part-0.parquet", "tables/t1/part-1.parquet");
        assertThat(Files.readString(directory.resolve(BUCKET).resolve("tables/t1/part-1.parquet")))
                .isEqualTo("second");
    }

    @Test
    void rejectsConditionalPutOnExistingKey() {
        client.putObject(
                request -> request.bucket(BUCKET).key("_delta_log/0.json").ifNoneMatch("*"),
                RequestBody.fromString("winner", UTF_8));

        assertThatThrownBy(
                        () ->
                                client.putObject(
                                        request ->
                                                request.bucket(BUCKET)
                                                        .key("_delta_log/0.json")
                                                        .ifNoneMatch("*"),
                                        RequestBody.fromString("loser", UTF_8)))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(
                        client.getObjectAsBytes(
                                        request -> request.bucket(BUCKET).key("_delta_log/0.json"))
                                .asUtf8String())
                .isEqualTo("winner");
    }

    @Test
    void rejectsWrongSecret() {
        try (S3Client intruder = client("not-the-secret")) {
            assertThatThrownBy(() -> intruder.listObjectsV2(request -> request.bucket(BUCKET)))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void createsBucketIdempotently() {
        s3.createBucket("twice");
        s3.createBucket("twice");

        assertThat(client.listBuckets().buckets())
                .extracting(b -> b.name())
                .contains("twice", BUCKET);
        assertThat(directory.resolve("twice")).isDirectory();
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(s3.region()).isEqualTo("us-east-1");
    }

    private S3Client client(String secret) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(s3.accessKey(), secret)))
                .build();
    }
}
