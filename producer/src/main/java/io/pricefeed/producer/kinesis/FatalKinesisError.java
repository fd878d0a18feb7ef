package io.pricefeed.producer.kinesis;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * A Kinesis failure no retry can cure, so the producer stops on it with one line that names the
 * cause, instead of retrying forever while its pollers block on a full buffer. As the Flink
 * connector's {@code KinesisStreamsSinkWriter} classifies them: a missing stream, credentials or
 * permissions Kinesis refuses, a KMS key it cannot use, and a client that cannot even be set up
 * (no credentials, no region). Everything else (throttling, 5xx, timeouts, a connection refused)
 * is retried.
 */
public final class FatalKinesisError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Error codes for credentials or permissions Kinesis (or STS behind it) refuses. */
    private static final Set<String> REFUSED_IDENTITY = Set.of("AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignature", "IncompleteSignatureException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException", "InvalidClientTokenId", "NotAuthorized");
    private static final Set<String> KMS = Set.of("KMSAccessDeniedException", "KMSDisabledException",
            "KMSInvalidStateException", "KMSNotFoundException", "KMSOptInRequired");

    private FatalKinesisError(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code failure} as a fatal error for {@code stream}, or empty when a retry may succeed. */
    public static Optional<FatalKinesisError> classify(SdkException failure, String stream) {
        if (failure instanceof ResourceNotFoundException) {
            return fatal("Kinesis stream '" + stream + "' does not exist (ResourceNotFoundException): create it, "
                    + "or set kinesis.stream to the stream's name", failure);
        }
        if (failure instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) failure;
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            if (REFUSED_IDENTITY.contains(code) || service.statusCode() == 403) {
                return fatal("Kinesis refused the producer's credentials for stream '" + stream + "' (" + describe(service, code)
                        + "): grant kinesis:PutRecords, kinesis:ListShards and kinesis:DescribeStreamSummary on it, "
                        + "or fix the credentials", failure);
            }
            if (KMS.contains(code)) {
                return fatal("Kinesis cannot use the KMS key of stream '" + stream + "' (" + describe(service, code)
                        + "): fix the key or the producer's kms:GenerateDataKey permission", failure);
            }
            return Optional.empty();
        }
        if (failure instanceof SdkClientException && isMisconfiguredClient(failure.getMessage())) {
            return fatal("the Kinesis client cannot be set up: " + failure.getMessage(), failure);
        }
        return Optional.empty();
    }

    /** The SDK's words for a client without credentials or a region: nothing a retry changes. */
    private static boolean isMisconfiguredClient(String message) {
        return message != null && (message.startsWith("Unable to load credentials")
                || message.startsWith("Unable to load region"));
    }

    private static String describe(AwsServiceException e, String code) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return (code.isEmpty() ? "HTTP " + e.statusCode() : code) + (message == null || message.isEmpty() ? "" : ": " + message);
    }

    private static Optional<FatalKinesisError> fatal(String message, SdkException cause) {
        return Optional.of(new FatalKinesisError(message, cause));
    }
}
