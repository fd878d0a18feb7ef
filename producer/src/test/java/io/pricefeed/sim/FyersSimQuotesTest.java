package io.pricefeed.sim;

import static io.pricefeed.sim.SimHttp.get;
import static io.pricefeed.sim.SimHttp.json;
import static io.pricefeed.sim.SimHttp.quotesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricefeed.model.Tick;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersErrorKind;
import io.pricefeed.producer.fyers.QuotesParser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FyersSimQuotesTest {
    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T10:00"));
    private final FyersSim sim = FyersSim.builder().clock(clock).seed(3).build().start();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void quotesForFiftySymbolsParseIntoFiftyTicks() {
        List<String> symbols = sim.market().universe().names();
        HttpResponse<byte[]> response = get(sim, quotesPath(symbols));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        QuotesParser.Quotes quotes = QuotesParser.parse(response.statusCode(), response.body(), clock.now());
        assertThat(quotes.rejectedSymbols()).isEmpty();
        assertThat(quotes.ticks()).hasSize(50).extracting(Tick::getSymbol).containsExactlyElementsOf(symbols);
        for (Tick t : quotes.ticks()) {
            SimQuote q = sim.market().quote(t.getSymbol(), clock.now());
            assertThat(t).isEqualTo(new Tick(q.symbol(), clock.now(), q.lp(), q.volume(), q.atp(), q.open(), q.high(), q.low(),
                    q.prevClose(), q.bid(), q.ask()));
        }
    }

    @Test
    void anEntryCarriesEveryFyersField() {
        JsonNode root = json(get(sim, quotesPath(List.of("NSE:SBIN-EQ"))));
        assertThat(root.path("s").asText()).isEqualTo("ok");
        assertThat(root.path("code").asInt()).isEqualTo(200);
        assertThat(root.path("message").asText()).isEmpty();
        JsonNode entry = root.path("d").get(0);
        assertThat(entry.path("n").asText()).isEqualTo("NSE:SBIN-EQ");
        assertThat(entry.path("s").asText()).isEqualTo("ok");
        JsonNode v = entry.path("v");
        List<String> fields = new ArrayList<>();
        v.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("ch", "chp", "lp", "spread", "ask", "bid", "open_price", "high_price", "low_price",
                "prev_close_price", "atp", "volume", "short_name", "exchange", "description", "original_name", "symbol",
                "fyToken", "tt");
        assertThat(v.path("tt").isTextual()).as("tt is a string, as Fyers sends it").isTrue();
        assertThat(v.path("tt").asText()).isEqualTo("1773100800"); // 2026-03-10 00:00 UTC
        assertThat(v.path("volume").isIntegralNumber()).isTrue();
        assertThat(v.path("short_name").asText()).isEqualTo("SBIN-EQ");
        assertThat(v.path("prev_close_price").asDouble()).isEqualTo(1092.4);
        assertThat(v.path("ch").asDouble()).isEqualTo(Math.round((v.path("lp").asDouble() - 1092.4) * 20) / 20.0);
        assertThat(v.path("spread").asDouble()).isEqualTo(Math.round((v.path("ask").asDouble() - v.path("bid").asDouble()) * 20) / 20.0);
    }

    @Test
    void fiftyOneSymbolsAreRefusedAsInvalidInput() {
        List<String> symbols = new ArrayList<>(sim.market().universe().names());
        symbols.add("NSE:SYM0001-EQ");
        HttpResponse<byte[]> response = get(sim, quotesPath(symbols));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.path("s").asText()).isEqualTo("error");
        assertThat(body.path("code").asInt()).isEqualTo(-50);
        assertThat(body.path("message").asText()).startsWith("Invalid input").contains("50");
        assertThatThrownBy(() -> QuotesParser.parse(response.statusCode(), response.body(), clock.now()))
                .isInstanceOfSatisfying(FyersApiException.class, e -> assertThat(e.kind()).isEqualTo(FyersErrorKind.INVALID_INPUT));
    }

    @Test
    void anUnknownSymbolGetsAnErrorEntryWhileTheOthersAreQuoted() {
        HttpResponse<byte[]> response = get(sim, quotesPath(List.of("NSE:SBIN-EQ", "NSE:NOTASTOCK-EQ", "NSE:M&M-EQ")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bad = json(response).path("d").get(1);
        assertThat(bad.path("n").asText()).isEqualTo("NSE:NOTASTOCK-EQ");
        assertThat(bad.path("s").asText()).isEqualTo("error");
        assertThat(bad.path("v").path("code").asInt()).isEqualTo(-300);
        assertThat(bad.path("v").path("errmsg").asText()).isEqualTo("Invalid symbol");
        QuotesParser.Quotes quotes = QuotesParser.parse(200, response.body(), clock.now());
        assertThat(quotes.ticks()).extracting(Tick::getSymbol).containsExactly("NSE:SBIN-EQ", "NSE:M&M-EQ");
        assertThat(quotes.rejectedSymbols()).containsOnlyKeys("NSE:NOTASTOCK-EQ");
    }

    @Test
    void onlyUnknownSymbolsOrNoneAtAllFailTheCall() {
        HttpResponse<byte[]> unknown = get(sim, quotesPath(List.of("NSE:NOTASTOCK-EQ")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("code").asInt()).isEqualTo(-300);
        HttpResponse<byte[]> none = get(sim, "/data/quotes");
        assertThat(json(none).path("code").asInt()).isEqualTo(-50);
    }

    @Test
    void quotesFollowTheClockAndFreezeAfterTheClose() {
        String path = quotesPath(List.of("NSE:RELIANCE-EQ"));
        String auth = sim.authorizationHeader(sim.issueAccessToken());
        long volumeAt10 = json(get(sim, path, auth)).path("d").get(0).path("v").path("volume").asLong();
        clock.advance(Duration.ofMinutes(5));
        long volumeAt1005 = json(get(sim, path, auth)).path("d").get(0).path("v").path("volume").asLong();
        assertThat(volumeAt1005).isGreaterThan(volumeAt10);

        clock.set(SimClock.ist("2026-03-10T15:30"));
        JsonNode atClose = json(get(sim, path, auth)).path("d").get(0).path("v");
        clock.set(SimClock.ist("2026-03-10T20:00"));
        assertThat(json(get(sim, path, auth)).path("d").get(0).path("v")).isEqualTo(atClose);
    }

    @Test
    void beforeTheOpenQuotesShowThePreviousSession() {
        FyersSim early = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T09:14"))).build().start();
        try {
            JsonNode v = json(get(early, quotesPath(List.of("NSE:SBIN-EQ")))).path("d").get(0).path("v");
            assertThat(v.path("tt").asText()).isEqualTo("1773014400"); // 2026-03-09
            assertThat(v.path("lp").asDouble()).as("the anchor session closed at the configured price").isEqualTo(1092.4);
        } finally {
            early.close();
        }
    }

    @Test
    void marketStatusIsOpenDuringTheSessionOnly() {
        String auth = sim.authorizationHeader(sim.issueAccessToken());
        JsonNode open = json(get(sim, "/data/marketStatus", auth));
        assertThat(open.path("s").asText()).isEqualTo("ok");
        assertThat(nseCash(open).path("status").asText()).isEqualTo("OPEN");
        clock.set(SimClock.ist("2026-03-10T15:30"));
        assertThat(nseCash(json(get(sim, "/data/marketStatus", auth))).path("status").asText()).isEqualTo("CLOSED");
        clock.set(SimClock.ist("2026-03-14T10:00")); // Saturday; Tuesday's token died at 06:00 Wednesday
        assertThat(nseCash(json(get(sim, "/data/marketStatus"))).path("status").asText()).isEqualTo("CLOSED");
    }

    private static JsonNode nseCash(JsonNode reply) {
        for (JsonNode e : reply.path("marketStatus")) {
            if (e.path("exchange").asInt() == 10 && e.path("segment").asInt() == 10 && "NORMAL".equals(e.path("market_type").asText())) {
                return e;
            }
        }
        throw new AssertionError("no NSE capital-market entry in " + reply);
    }

    @Test
    void profileAnswersAndUnknownRoutesAreRefused() {
        assertThat(json(get(sim, "/api/v3/profile")).path("data").path("fy_id").asText()).isEqualTo("XS0001");
        HttpResponse<byte[]> missing = get(sim, "/data/depth?symbol=NSE:SBIN-EQ");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("s").asText()).isEqualTo("error");
        assertThat(get(sim, "/api/v3/validate-authcode", null).statusCode()).isEqualTo(405);
        assertThatThrownBy(() -> SimRequest.parseQuery("symbols=NSE:SBIN-EQ%ZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SimRequest.parseQuery("symbols=NSE%3AM%26M-EQ&symbols=x&flag")).containsEntry("symbols", "NSE:M&M-EQ")
                .containsEntry("flag", "");
        assertThat(get(sim, "/data/quotes/?symbols=NSE:SBIN-EQ").statusCode()).as("trailing slash, raw ':'").isEqualTo(200);
    }
}
