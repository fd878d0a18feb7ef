package io.pricefeed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenAuthorityTest {
    private static long ist(String t) {
        return SimClock.ist(t).toEpochMilli();
    }

    @Test
    void anAccessTokenLivesUntilTheNext0600Ist() {
        assertThat(TokenAuthority.accessExpiry(ist("2026-03-10T09:14"))).isEqualTo(ist("2026-03-11T06:00"));
        assertThat(TokenAuthority.accessExpiry(ist("2026-03-10T23:59"))).isEqualTo(ist("2026-03-11T06:00"));
        assertThat(TokenAuthority.accessExpiry(ist("2026-03-10T02:00"))).as("before dawn: the same morning").isEqualTo(ist("2026-03-10T06:00"));
        assertThat(TokenAuthority.accessExpiry(ist("2026-03-10T06:00"))).isEqualTo(ist("2026-03-11T06:00"));
    }

    @Test
    void aRefreshTokenLivesFifteenDaysTo0600Ist() {
        // FYERS_API.md §2.6: issued 18 Feb 10:58 IST -> expires 5 Mar 06:00 IST.
        assertThat(TokenAuthority.refreshExpiry(ist("2026-02-18T10:58"))).isEqualTo(ist("2026-03-05T06:00"));
    }

    @Test
    void tokensAreCheckedByClientIdTokenKindAndExpiry() {
        long now = ist("2026-03-10T10:00");
        TokenAuthority tokens = new TokenAuthority(SimCredentials.DEFAULT, 1, null);
        TokenAuthority.Tokens pair = tokens.issuePair(now);
        String client = SimCredentials.DEFAULT.clientId();
        assertThat(tokens.authenticate(client + ":" + pair.accessToken(), now).ok()).isTrue();
        assertThat(tokens.authenticate(null, now).error()).isEqualTo(FyersError.AUTH_FAILED);
        assertThat(tokens.authenticate("OTHER-100:" + pair.accessToken(), now).error()).isEqualTo(FyersError.INVALID_TOKEN);
        assertThat(tokens.authenticate(client + ":" + pair.refreshToken(), now).error()).isEqualTo(FyersError.INVALID_TOKEN);
        assertThat(tokens.authenticate(client + ":" + pair.accessToken(), ist("2026-03-11T06:00")).error())
                .isEqualTo(FyersError.TOKEN_EXPIRED);
        assertThat(tokens.isValidRefreshToken(pair.refreshToken(), ist("2026-03-20T10:00"))).isTrue();
        assertThat(tokens.isValidRefreshToken(pair.accessToken(), now)).isFalse();
        assertThat(pair.toString()).doesNotContain(pair.accessToken());
    }
}
