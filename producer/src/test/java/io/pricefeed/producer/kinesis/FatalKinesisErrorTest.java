package io.pricefeed.producer.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.KmsDisabledException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class FatalKinesisErrorTest {
    private static Optional<FatalKinesisError> classify(SdkException e) {
        return FatalKinesisError.classify(e, "ticks");
    }

    private static AwsServiceException service(String code, int status) {
        return KinesisException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("refused").build()).build();
    }

    @Test
    void aMissingStreamIsFatalAndNamed() {
        assertThat(classify(ResourceNotFoundException.builder().message("Stream ticks under account 000000000000 not found.")
                .build())).get().extracting(Throwable::getMessage).asString()
                .startsWith("Kinesis stream 'ticks' does not exist (ResourceNotFoundException)");
    }

    @Test
    void refusedCredentialsAndPermissionsAreFatal() {
        AccessDeniedException denied = AccessDeniedException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: kinesis:PutRecords").build()).build();
        assertThat(classify(denied)).get().extracting(Throwable::getMessage).asString()
                .contains("refused the producer's credentials for stream 'ticks'",
                        "AccessDeniedException: not authorized to perform: kinesis:PutRecords");
        assertThat(classify(service("UnrecognizedClientException", 400))).isPresent();
        assertThat(classify(service("InvalidSignatureException", 400))).isPresent();
        assertThat(classify(service("", 403))).get().extracting(Throwable::getMessage).asString().contains("HTTP 403");
    }

    @Test
    void anUnusableKmsKeyIsFatal() {
        assertThat(classify(KmsDisabledException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("KMSDisabledException").build()).build()))
                .get().extracting(Throwable::getMessage).asString().contains("KMS key of stream 'ticks'");
    }

    @Test
    void aClientWithoutCredentialsOrRegionIsFatal() {
        assertThat(classify(SdkClientException.create("Unable to load credentials from any of the providers in the chain"))).isPresent();
        assertThat(classify(SdkClientException.create("Unable to load region from any of the providers in the chain"))).isPresent();
    }

    @Test
    void whatARetryCanCureIsNotFatal() {
        assertThat(classify(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build()).build()))
                .isEmpty();
        assertThat(classify(service("InternalFailure", 500))).isEmpty();
        assertThat(classify(service("ExpiredTokenException", 400))).as("refreshed by the credentials provider").isEmpty();
        assertThat(classify(SdkClientException.create("Unable to execute HTTP request: Connection refused"))).isEmpty();
    }
}
