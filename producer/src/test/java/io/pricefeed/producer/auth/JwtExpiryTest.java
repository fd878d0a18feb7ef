package io.pricefeed.producer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {
    private static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void readsExpFromThePayloadWithoutCheckingTheSignature() {
        assertThat(JwtExpiry.of(jwt("{\"iat\":1773114300,\"exp\":1773189000}"))).contains(Instant.ofEpochSecond(1773189000));
    }

    @Test
    void anAccessTokenFromFyersSimExpiresAtSixNextMorningIst() {
        try (FyersSim sim = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T14:20"))).build()) {
            assertThat(JwtExpiry.of(sim.issueAccessToken())).contains(SimClock.ist("2026-03-11T06:00"));
        }
    }

    @Test
    void paddedPayloadsAreRead() {
        String token = jwt("{\"exp\":1}");
        String[] parts = token.split("\\.");
        String padded = parts[0] + "." + parts[1] + "==" + "." + parts[2];
        assertThat(JwtExpiry.of(padded)).contains(Instant.ofEpochSecond(1));
    }

    @Test
    void anythingElseHasNoKnownExpiry() {
        // The documentation's placeholder tokens (fixtures) are not real JWTs.
        assertThat(JwtExpiry.of("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.FAKEACCESSTOKENPAYLOAD.FAKEACCESSSIGNATURE")).isEmpty();
        assertThat(JwtExpiry.of("not-a-jwt")).isEmpty();
        assertThat(JwtExpiry.of(jwt("{\"sub\":\"x\"}"))).as("no exp").isEmpty();
        assertThat(JwtExpiry.of(jwt("{\"exp\":\"tomorrow\"}"))).as("exp not a number").isEmpty();
        assertThat(JwtExpiry.of(jwt("[1,2]"))).isEmpty();
        assertThat(JwtExpiry.of(null)).isEmpty();
    }
}
