package io.pricefeed.flink.config;

import java.util.Properties;
import org.apache.flink.connector.aws.config.AWSConfigConstants;
import org.apache.flink.kinesis.shaded.com.amazonaws.SDKGlobalConfiguration;

/**
 * The AWS client settings every connector of the job takes (the Kinesis source and sink, the
 * DynamoDB sink): a region, and for a local stand-in its endpoint, static credentials and
 * HTTP/1.1 (the stand-ins speak plain HTTP without HTTP/2), and JSON rather than CBOR. On AWS the
 * endpoint is empty and the default credential chain finds the application's role.
 */
public final class AwsClientProperties {
    private AwsClientProperties() {
    }

    public static Properties of(String region, String endpoint) {
        Properties p = new Properties();
        p.setProperty(AWSConfigConstants.AWS_REGION, region);
        if (!endpoint.isEmpty()) {
            p.setProperty(AWSConfigConstants.AWS_ENDPOINT, endpoint);
            p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
            p.setProperty(AWSConfigConstants.accessKeyId(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER), "local");
            p.setProperty(AWSConfigConstants.secretKey(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER), "local");
            p.setProperty(AWSConfigConstants.HTTP_PROTOCOL_VERSION, "HTTP1_1");
            // JSON to the local stand-in (DESIGN.md §2). The Kinesis source's SDK v1, shaded into
            // the connector, asks for CBOR unless this JVM-wide (relocated) property says otherwise,
            // and kinesalite's CBOR replies break its parser. Locally the job runs in this JVM.
            System.setProperty(SDKGlobalConfiguration.AWS_CBOR_DISABLE_SYSTEM_PROPERTY, "true");
        }
        return p;
    }
}
