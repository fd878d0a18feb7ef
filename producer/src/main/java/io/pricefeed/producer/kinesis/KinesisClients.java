package io.pricefeed.producer.kinesis;

import io.pricefeed.producer.config.ProducerConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Builds the producer's Kinesis client from {@code kinesis.*}: in AWS, the default credential and
 * region chains (the ECS task role; {@code kinesis.region} when set); against a local stand-in
 * ({@code kinesis.endpoint} set), the settings kinesalite needs (DESIGN.md §2): endpoint
 * override, region {@code us-east-1} unless given, static credentials, CBOR off. The HTTP client is
 * Apache's, which speaks HTTP/1.1.
 */
public final class KinesisClients {
    /** Region of the local stand-ins (stand-ins' {@code LocalAwsSettings.REGION}). */
    public static final String LOCAL_REGION = "us-east-1";

    private KinesisClients() {
    }

    public static KinesisClient create(ProducerConfig.Kinesis settings) {
        KinesisClientBuilder b = KinesisClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(8)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (settings.endpoint() != null) {
            // JSON to the stand-in (DESIGN.md §2); SDK v2 reads this switch when a client is built.
            System.setProperty("aws.cborEnabled", "false");
            b.endpointOverride(settings.endpoint())
                    .region(Region.of(settings.region().isEmpty() ? LOCAL_REGION : settings.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else if (!settings.region().isEmpty()) {
            b.region(Region.of(settings.region()));
        }
        return b.build();
    }
}
