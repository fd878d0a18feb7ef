package io.pricefeed.standins;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The client settings every local stand-in accepts (DESIGN.md §2): region {@code us-east-1}
 * and any static credentials. One place, so producer, job and tests agree.
 */
public final class LocalAwsSettings {
    public static final Region REGION = Region.US_EAST_1;
    /** The account in the stand-ins' ARNs (kinesalite's fixed one). */
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";

    private LocalAwsSettings() {
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    public static URI loopback(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
