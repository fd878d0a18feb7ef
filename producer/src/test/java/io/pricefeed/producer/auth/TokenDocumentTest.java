package io.pricefeed.producer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON shape shared by the file and the Secrets Manager secret. */
class TokenDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writingTokensKeepsTheSecretsOtherKeys() throws Exception {
        ObjectNode secret = (ObjectNode) JSON.readTree("{\"appSecret\":\"s3cret\",\"pin\":\"1234\",\"accessToken\":\"old\"}");
        FyersTokens tokens = new FyersTokens("new-access", null, Instant.parse("2026-03-11T00:30:00Z"), null);

        TokenDocument.write(secret, tokens, Instant.parse("2026-03-10T04:00:00Z"));

        assertThat(secret.get("appSecret").asText()).isEqualTo("s3cret");
        assertThat(secret.get("pin").asText()).isEqualTo("1234");
        assertThat(secret.has("refreshToken")).isFalse();
        assertThat(TokenDocument.read(secret)).contains(tokens);
    }

    @Test
    void aSecretWithoutTokensHasNone() throws Exception {
        assertThat(TokenDocument.read(JSON.readTree("{\"appSecret\":\"s3cret\",\"pin\":\"1234\"}"))).isEmpty();
        assertThat(TokenDocument.read(JSON.readTree("{\"accessToken\":\"\"}"))).isEmpty();
    }

    @Test
    void appCredentialsNeverPrintTheirSecrets() {
        AppCredentials app = new AppCredentials("XC4XXXXM-100", "s3cret", "1234");
        assertThat(app.toString()).contains("XC4XXXXM-100").doesNotContain("s3cret", "1234");
        // FYERS_API.md §2.1: lowercase hex SHA-256 of client_id:app_secret
        assertThat(app.appIdHash()).isEqualTo("e647cff4a95b2afcf8b0b4bac2b3c1827f9b8b3a73c0ff427628f3da5f86609d"); // printf 'XC4XXXXM-100:s3cret' | sha256sum
        assertThat(app.canRefresh()).isTrue();
        assertThat(new AppCredentials("XC4XXXXM-100", " ", null).canRefresh()).isFalse();
    }
}
