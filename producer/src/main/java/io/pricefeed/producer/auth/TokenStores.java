package io.pricefeed.producer.auth;

import io.pricefeed.producer.config.ProducerConfig;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The token store and app credentials a configuration asks for ({@code tokenStore.*}): a 0600 file
 * with the secret and PIN from the environment, or a Secrets Manager secret that holds all of them.
 */
public final class TokenStores {
    private TokenStores() {
    }

    /** Opens the configured store (for Secrets Manager: a client in {@code tokenStore.region}, else {@code kinesis.region}, else the default chain). */
    public static TokenStore open(ProducerConfig config, Clock clock) {
        ProducerConfig.TokenStoreSettings s = config.tokenStore();
        if (s.type() == ProducerConfig.TokenStoreSettings.Type.FILE) {
            return new FileTokenStore(s.file(), clock);
        }
        SecretsManagerClientBuilder b = SecretsManagerClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        String region = !s.region().isEmpty() ? s.region() : config.kinesis().region();
        if (!region.isEmpty()) {
            b.region(Region.of(region));
        }
        return new SecretsManagerTokenStore(b.build(), s.secretId(), clock);
    }

    /**
     * The client id with the app secret and PIN: from the secret when the store is Secrets
     * Manager (the environment fills in what the secret lacks), else from the environment.
     */
    public static AppCredentials credentials(ProducerConfig config, TokenStore store, Map<String, String> env) {
        AppCredentials fromEnv = AppCredentials.fromEnvironment(config.fyers().clientId(), env);
        if (store instanceof SecretsManagerTokenStore secret) {
            AppCredentials fromSecret = secret.appCredentials(config.fyers().clientId());
            return new AppCredentials(config.fyers().clientId(),
                    fromSecret.appSecret() != null ? fromSecret.appSecret() : fromEnv.appSecret(),
                    fromSecret.pin() != null ? fromSecret.pin() : fromEnv.pin());
        }
        return fromEnv;
    }
}
