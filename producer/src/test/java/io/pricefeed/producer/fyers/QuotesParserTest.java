package io.pricefeed.producer.fyers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.Tick;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against the Fyers fixtures of shared/fyers (copied to src/test/resources/fyers). */
class QuotesParserTest {
    private static final long RECEIVED = 1_773_114_305_123L;

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = QuotesParserTest.class.getResourceAsStream("/fyers/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void quotesBecomeTicksStampedWithTheReceiveTime() throws IOException {
        QuotesParser.Quotes quotes = QuotesParser.parse(200, fixture("quotes_ok.json"), RECEIVED);

        assertThat(quotes.rejectedSymbols()).isEmpty();
        assertThat(quotes.ticks()).containsExactly(
                new Tick("NSE:SBIN-EQ", RECEIVED, 1098.75, 8234561L, 1096.12, 1094.0, 1101.2, 1089.55, 1092.4, 1098.7, 1098.75),
                new Tick("NSE:RELIANCE-EQ", RECEIVED, 1405.6, 5120348L, 1409.37, 1415.0, 1418.9, 1401.05, 1412.3, 1405.55, 1405.6));
    }

    @Test
    void anInvalidSymbolIsDroppedAndTheRestKept() throws IOException {
        QuotesParser.Quotes quotes = QuotesParser.parse(200, fixture("quotes_partial_invalid.json"), RECEIVED);

        assertThat(quotes.ticks()).extracting(Tick::getSymbol).containsExactly("NSE:SBIN-EQ");
        assertThat(quotes.rejectedSymbols()).containsOnlyKeys("NSE:NOTASTOCK-EQ");
        assertThat(quotes.rejectedSymbols().get("NSE:NOTASTOCK-EQ")).contains("Invalid symbol").contains("-300");
        assertThat(quotes.invalidSymbols()).as("refused by Fyers: drop it").containsOnlyKeys("NSE:NOTASTOCK-EQ");
    }

    @Test
    void numbersWrittenAsStringsAreRead() {
        String body = "{\"s\":\"ok\",\"d\":[{\"n\":\"NSE:ABC-EQ\",\"s\":\"ok\",\"v\":{\"lp\":\"101.5\",\"volume\":\"42\",\"atp\":\"100.9\",\"tt\":1773100800}}]}";
        QuotesParser.Quotes quotes = QuotesParser.parse(200, body.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(quotes.ticks()).singleElement().satisfies(t -> {
            assertThat(t.getLtp()).isEqualTo(101.5);
            assertThat(t.getCumVolume()).isEqualTo(42L);
            assertThat(t.getDayOpen()).as("absent = 0 = unknown").isZero();
        });
    }

    @Test
    void anEntryWithoutAPriceIsRejectedNotSent() {
        String body = "{\"s\":\"ok\",\"d\":[{\"n\":\"NSE:ABC-EQ\",\"s\":\"ok\",\"v\":{\"volume\":42}}]}";
        QuotesParser.Quotes quotes = QuotesParser.parse(200, body.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(quotes.ticks()).isEmpty();
        assertThat(quotes.rejectedSymbols().get("NSE:ABC-EQ")).startsWith("no usable last price");
        assertThat(quotes.invalidSymbols()).as("skipped this time, not refused").isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "error_token_expired.json,  401, AUTH,           -8",
        "error_invalid_token.json,  401, AUTH,           -15",
        "error_auth_failed.json,    401, AUTH,           -16",
        "error_rate_limit.json,     429, RATE_LIMIT,     -429",
        "error_invalid_symbol.json, 400, INVALID_SYMBOL, -300",
        "error_invalid_input.json,  400, INVALID_INPUT,  -50",
    })
    void errorEnvelopesAreClassifiedWithTheirCode(String fixture, int status, FyersErrorKind kind, int code) throws IOException {
        byte[] body = fixture(fixture);
        assertThatThrownBy(() -> QuotesParser.parse(status, body, RECEIVED))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains("code " + code);
                });
    }

    @Test
    void aCloudflarePageIsARateLimitNotAnAuthProblem() {
        byte[] page = "<html><body>error code: 1015 You are being rate limited</body></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> QuotesParser.parse(429, page, RECEIVED))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FyersErrorKind.RATE_LIMIT);
                    assertThat(e.code()).isNull();
                    assertThat(e.getMessage()).contains("error code: 1015");
                });
    }

    @Test
    void aMalformedBodyIsReportedWithItsFirstBytesOnly() {
        byte[] body = ("{\"s\":\"ok\",\"unexpected\":\"" + "x".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> QuotesParser.parse(200, body, RECEIVED))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FyersErrorKind.MALFORMED);
                    assertThat(e.kind().isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("no 'd' array").contains("(" + body.length + " bytes)");
                    assertThat(e.getMessage().length()).isLessThan(300);
                });
        assertThatThrownBy(() -> QuotesParser.parse(502, new byte[0], RECEIVED))
                .isInstanceOfSatisfying(FyersApiException.class, e -> assertThat(e.kind()).isEqualTo(FyersErrorKind.TRANSIENT));
    }

    @Test
    void classificationPrefersTheJsonCodeOverTheHttpStatus() {
        assertThat(FyersErrorKind.classify(400, -16)).isEqualTo(FyersErrorKind.AUTH); // disabled refresh comes as 400
        assertThat(FyersErrorKind.classify(200, -429)).isEqualTo(FyersErrorKind.RATE_LIMIT);
        assertThat(FyersErrorKind.classify(503, null)).isEqualTo(FyersErrorKind.TRANSIENT);
        assertThat(FyersErrorKind.classify(400, -352)).isEqualTo(FyersErrorKind.FATAL);
        assertThat(FyersErrorKind.AUTH.isRetryable()).isFalse();
    }
}
