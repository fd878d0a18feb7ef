package io.pricefeed.local.options;

import io.pricefeed.standins.LocalAwsSettings;
import io.pricefeed.standins.LocalAwsStack;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Which DynamoDB a command talks to, from {@code --endpoint} and {@code --region}:
 * <ul>
 *   <li>neither: the local stack's DynamoDB Local on its fixed port
 *       ({@code http://127.0.0.1:8000}, what {@code ./pricefeed stand-ins} and {@code demo} start);</li>
 *   <li>{@code --region} alone: AWS in that region, with the default credentials chain;</li>
 *   <li>{@code --endpoint}: that URL, region {@code --region} or us-east-1.</li>
 * </ul>
 * A loopback endpoint gets the stand-ins' static credentials (they accept any, and a laptop
 * may have no AWS profile); any other endpoint the default chain.
 */
public record DynamoDbTarget(URI endpoint, Region region, boolean loopback) {
    static final URI LOCAL_STACK = LocalAwsSettings.loopback(LocalAwsStack.DEFAULT_DYNAMODB_PORT);

    public static DynamoDbTarget resolve(String endpoint, String region) {
        if (endpoint == null && region != null) {
            return new DynamoDbTarget(null, Region.of(region), false);
        }
        URI uri = endpoint == null ? LOCAL_STACK : parse(endpoint);
        return new DynamoDbTarget(uri, region == null ? LocalAwsSettings.REGION : Region.of(region), isLoopback(uri));
    }

    /** Short timeouts and two attempts: a CLI should fail in seconds, not retry for a minute. */
    public DynamoDbClient client() {
        AwsCredentialsProvider credentials = loopback ? LocalAwsSettings.credentials() : DefaultCredentialsProvider.create();
        var builder = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20))
                        .retryStrategy(r -> r.maxAttempts(2)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public String describe() {
        return endpoint == null ? "AWS DynamoDB in " + region.id() : "DynamoDB at " + endpoint;
    }

    /** An SDK failure as one line that says what to check. */
    public RuntimeException explain(SdkException e, String table) {
        String where = describe();
        if (e instanceof ResourceNotFoundException) {
            return new IllegalStateException("no table '" + table + "' in " + where + hint());
        }
        if (e instanceof DynamoDbException service && service.awsErrorDetails() != null) {
            return new IllegalStateException(where + " refused the query: " + service.awsErrorDetails().errorMessage(), e);
        }
        Throwable io = ioCause(e);
        if (e instanceof SdkClientException && io != null) {
            return new IllegalStateException("cannot reach " + where + ": " + io.getClass().getSimpleName()
                    + (io.getMessage() == null ? "" : ": " + firstLine(io.getMessage())) + hint(), e);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
            // The SDK's message lists every provider it tried, in one very long line.
            return new IllegalStateException("no AWS credentials for " + where + ": set AWS_PROFILE, or"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (aws sso login / aws configure)", e);
        }
        return new IllegalStateException(where + ": " + firstLine(e.getMessage()), e);
    }

    private String hint() {
        return LOCAL_STACK.equals(endpoint)
                ? " (is the local stack running? ./pricefeed stand-ins or demo; for AWS give --region)"
                : "";
    }

    private static URI parse(String endpoint) {
        URI uri = URI.create(endpoint.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be a URL such as http://127.0.0.1:8000, got '" + endpoint + "'");
        }
        return uri;
    }

    private static boolean isLoopback(URI uri) {
        if ("localhost".equalsIgnoreCase(uri.getHost())) {
            return true;
        }
        try {
            // Literal addresses only: a host name is not resolved here.
            return uri.getHost().matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The innermost I/O failure (refused, timed out, unknown host), if that is what went wrong. */
    private static Throwable ioCause(Throwable e) {
        Throwable found = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                found = t;
            }
        }
        return found;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
