package io.pricefeed.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.model.TradingCalendar;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the sim's tokens. They are real JWTs (HS256, signed with the app secret)
 * shaped like Fyers' so a client can read {@code exp} from the payload as it would in
 * production: an access token lives until the next 06:00 IST, a refresh token until 06:00 IST
 * fifteen days after issue (FYERS_API.md §2.6), both on the simulated clock.
 *
 * <p>Tokens are only valid in the sim instance that issued them (a restarted sim answers -15),
 * which keeps revocation simple: {@link #expireAll} and the configured expiry instant turn
 * every token issued before them into an expired one (-8), as when Fyers ends a session early.
 */
final class TokenAuthority {
    private static final LocalTime CUTOFF = LocalTime.of(6, 0);
    private static final int REFRESH_DAYS = 15;
    private static final String JWT_HEADER = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SimCredentials credentials;
    private final long seed;
    /** Tokens issued before this sim instant expire at it; Long.MAX_VALUE when not configured. */
    private final long expireAllAt;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    TokenAuthority(SimCredentials credentials, long seed, Instant expireAllAt) {
        this.credentials = credentials;
        this.seed = seed;
        this.expireAllAt = expireAllAt == null ? Long.MAX_VALUE : expireAllAt.toEpochMilli();
    }

    /** An access and a refresh token, as {@code validate-authcode} returns them. */
    Tokens issuePair(long nowMillis) {
        return new Tokens(issue(Kind.ACCESS, nowMillis), issue(Kind.REFRESH, nowMillis));
    }

    String issueAccess(long nowMillis) {
        return issue(Kind.ACCESS, nowMillis);
    }

    /** Checks an {@code Authorization: <client_id>:<access_token>} header at {@code nowMillis}. */
    Check authenticate(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return Check.failed(FyersError.AUTH_FAILED);
        }
        int colon = header.indexOf(':');
        if (colon < 0 || !header.substring(0, colon).trim().equals(credentials.clientId())) {
            return Check.failed(FyersError.INVALID_TOKEN);
        }
        String token = header.substring(colon + 1).trim();
        Issued t = issued.get(token);
        if (t == null || t.kind != Kind.ACCESS) {
            return Check.failed(FyersError.INVALID_TOKEN);
        }
        if (isExpired(t, nowMillis)) {
            return Check.failed(FyersError.TOKEN_EXPIRED);
        }
        return new Check(token, null);
    }

    boolean isValidRefreshToken(String token, long nowMillis) {
        Issued t = token == null ? null : issued.get(token);
        return t != null && t.kind == Kind.REFRESH && !isExpired(t, nowMillis);
    }

    /** Every access and refresh token issued so far, expired or not. */
    Set<String> issuedTokens() {
        return Set.copyOf(issued.keySet());
    }

    /** Every token issued so far is expired from now on. */
    void expireAll() {
        issued.replaceAll((token, t) -> new Issued(t.kind, t.issuedAt, t.expiresAt, true));
    }

    /** The first 06:00 IST strictly after {@code nowMillis}: when an access token issued then dies. */
    static long accessExpiry(long nowMillis) {
        ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(TradingCalendar.IST);
        ZonedDateTime cutoff = now.toLocalDate().atTime(CUTOFF).atZone(TradingCalendar.IST);
        if (!cutoff.isAfter(now)) {
            cutoff = cutoff.plusDays(1);
        }
        return cutoff.toInstant().toEpochMilli();
    }

    /** 06:00 IST fifteen days after issue (issued 18 Feb 10:58 IST -> 5 Mar 06:00 IST). */
    static long refreshExpiry(long nowMillis) {
        return Instant.ofEpochMilli(accessExpiry(nowMillis)).atZone(TradingCalendar.IST)
                .plusDays(REFRESH_DAYS - 1L).toInstant().toEpochMilli();
    }

    private boolean isExpired(Issued t, long nowMillis) {
        return t.revoked || nowMillis >= t.expiresAt || (nowMillis >= expireAllAt && t.issuedAt < expireAllAt);
    }

    private String issue(Kind kind, long nowMillis) {
        long expires = kind == Kind.ACCESS ? accessExpiry(nowMillis) : refreshExpiry(nowMillis);
        long n = counter.incrementAndGet();
        ObjectNode payload = SimReply.JSON.createObjectNode();
        payload.put("iss", "api.fyers.in");
        payload.put("iat", nowMillis / 1000);
        payload.put("exp", expires / 1000);
        payload.put("nbf", nowMillis / 1000);
        payload.putArray("aud").add("d:1").add("d:2").add("x:0").add("x:1").add("x:2");
        payload.put("sub", kind == Kind.ACCESS ? "access_token" : "refresh_token");
        // Makes every token distinct, reproducibly for a seed.
        payload.put("at_hash", Long.toHexString(RandomStreams.hash(seed, RandomStreams.TOKENS, n)));
        payload.put("display_name", "SIM USER");
        payload.put("fy_id", "XS0001");
        payload.put("appType", 100);
        payload.put("poa_flag", "N");
        String token;
        try {
            String body = JWT_HEADER + "." + base64Url(SimReply.JSON.writeValueAsBytes(payload));
            token = body + "." + base64Url(sign(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a token payload", e);
        }
        issued.put(token, new Issued(kind, nowMillis, expires, false));
        return token;
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JRE has HmacSHA256", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    enum Kind { ACCESS, REFRESH }

    private record Issued(Kind kind, long issuedAt, long expiresAt, boolean revoked) {
    }

    record Tokens(String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Tokens[***]";
        }
    }

    /** The outcome of a header check: the token when accepted, else the error to answer. */
    record Check(String token, FyersError error) {
        static Check failed(FyersError error) {
            return new Check(null, error);
        }

        boolean ok() {
            return error == null;
        }

        @Override
        public String toString() {
            return ok() ? "Check[ok]" : "Check[" + error + "]";
        }
    }
}
