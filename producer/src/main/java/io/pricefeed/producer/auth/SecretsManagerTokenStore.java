package io.pricefeed.producer.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Tokens in an AWS Secrets Manager secret, for the producer's ECS task. The secret is one JSON
 * object holding the app's secrets and the tokens of the last login:
 *
 * <pre>{@code
 * {"appSecret":"...","pin":"1234","accessToken":"eyJ..","refreshToken":"eyJ..",
 *  "accessTokenExpiresAt":"...","refreshTokenExpiresAt":"...","savedAt":"..."}
 * }</pre>
 *
 * A save reads the secret and writes it back with only the token keys replaced, so the app secret
 * and PIN stay. SDK exceptions are reported by type and the secret id only: their messages never
 * carry the secret's value, but nothing here relies on that.
 */
public final class SecretsManagerTokenStore implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerTokenStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String APP_SECRET = "appSecret";
    static final String PIN = "pin";

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;

    public SecretsManagerTokenStore(SecretsManagerClient client, String secretId, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secretId.isBlank()) {
            throw new IllegalArgumentException("secretId must not be blank");
        }
    }

    @Override
    public synchronized Optional<FyersTokens> load() {
        return readDocument().flatMap(doc -> {
            try {
                return TokenDocument.read(doc);
            } catch (IllegalArgumentException e) {
                throw new TokenStoreException("the secret " + secretId + " is malformed: " + e.getMessage());
            }
        });
    }

    @Override
    public synchronized void save(FyersTokens tokens) {
        ObjectNode doc = readDocument().map(d -> (ObjectNode) d).orElseGet(JSON::createObjectNode);
        TokenDocument.write(doc, tokens, clock.instant());
        try {
            client.putSecretValue(b -> b.secretId(secretId).secretString(doc.toString()));
        } catch (SdkException e) {
            throw new TokenStoreException("cannot write the secret " + secretId + ": " + e.getClass().getSimpleName());
        }
        LOG.info("Fyers tokens saved to {} (access token valid until {})", describe(), tokens.accessExpiresAt());
    }

    /** The app secret and PIN kept in the secret, with the configured client id. */
    public AppCredentials appCredentials(String clientId) {
        Optional<JsonNode> doc = readDocument();
        try {
            return new AppCredentials(clientId, doc.map(d -> TokenDocument.text(d, APP_SECRET)).orElse(null),
                    doc.map(d -> TokenDocument.text(d, PIN)).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new TokenStoreException("the secret " + secretId + " is malformed: " + e.getMessage());
        }
    }

    private Optional<JsonNode> readDocument() {
        GetSecretValueResponse value;
        try {
            value = client.getSecretValue(b -> b.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new TokenStoreException("the secret " + secretId + " does not exist (the CDK stack creates it)");
        } catch (SdkException e) {
            throw new TokenStoreException("cannot read the secret " + secretId + ": " + e.getClass().getSimpleName());
        }
        String text = value.secretString();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(text);
            if (doc == null || !doc.isObject()) {
                throw new TokenStoreException("the secret " + secretId + " is not a JSON object");
            }
            return Optional.of(doc);
        } catch (IOException e) {
            throw new TokenStoreException("the secret " + secretId + " is not valid JSON");
        }
    }

    @Override
    public String describe() {
        return "Secrets Manager secret " + secretId;
    }

    @Override
    public String toString() {
        return "SecretsManagerTokenStore[" + secretId + "]";
    }
}
