package io.pricefeed.sim;

import static io.pricefeed.sim.SimHttp.get;
import static io.pricefeed.sim.SimHttp.json;
import static io.pricefeed.sim.SimHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * History against quotes from the same sim. The relation: a 1-minute candle [start, start+60 s)
 * ends with the trade at start+59 s, so its close is the lp quoted just before the candle ends;
 * asked mid-minute, history ends with the forming candle whose close is the lp quoted now, and
 * the candles' volumes add up to the quote's cumulative volume.
 */
class FyersSimHistoryTest {
    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T10:30:30"));
    private final FyersSim sim = FyersSim.builder().clock(clock).seed(17).rateLimits(RateLimits.NONE).build().start();
    private final String auth = sim.authorizationHeader(sim.issueAccessToken());

    @AfterEach
    void close() {
        sim.close();
    }

    private JsonNode history(String... params) {
        HttpResponse<byte[]> response = get(sim, "/data/history?" + query(params), auth);
        return json(response);
    }

    private JsonNode quote(String symbol) {
        return json(get(sim, SimHttp.quotesPath(List.of(symbol)), auth)).path("d").get(0).path("v");
    }

    private static long epoch(String istTime) {
        return SimClock.ist(istTime).getEpochSecond();
    }

    @Test
    void oneMinuteCandlesAddUpToTheQuoteAtTheSameInstant() {
        JsonNode reply = history("symbol", "NSE:SBIN-EQ", "resolution", "1", "date_format", "0",
                "range_from", Long.toString(epoch("2026-03-10T09:15")), "range_to", Long.toString(epoch("2026-03-10T15:30")));
        JsonNode q = quote("NSE:SBIN-EQ");

        assertThat(reply.path("s").asText()).isEqualTo("ok");
        JsonNode candles = reply.path("candles");
        assertThat(candles).hasSize(76); // 09:15 ... 10:30, the last one forming
        assertThat(candles.get(0).get(0).asLong()).isEqualTo(epoch("2026-03-10T09:15"));
        JsonNode last = candles.get(candles.size() - 1);
        assertThat(last.get(0).asLong()).isEqualTo(epoch("2026-03-10T10:30"));
        assertThat(last.get(4).asDouble()).as("forming candle's close = lp now").isEqualTo(q.path("lp").asDouble());
        assertThat(candles.get(0).get(1).asDouble()).isEqualTo(q.path("open_price").asDouble());
        long volume = 0;
        double high = 0;
        double low = Double.MAX_VALUE;
        for (JsonNode c : candles) {
            assertThat(c).hasSize(6);
            high = Math.max(high, c.get(2).asDouble());
            low = Math.min(low, c.get(3).asDouble());
            volume += c.get(5).asLong();
        }
        assertThat(volume).isEqualTo(q.path("volume").asLong());
        assertThat(high).isEqualTo(q.path("high_price").asDouble());
        assertThat(low).isEqualTo(q.path("low_price").asDouble());

        // A closed minute ends at the lp quoted in its last second.
        JsonNode tenOClock = candles.get(45);
        assertThat(tenOClock.get(0).asLong()).isEqualTo(epoch("2026-03-10T10:00"));
        FyersSim earlier = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T10:00:59.999"))).seed(17).build().start();
        try {
            JsonNode then = json(get(earlier, SimHttp.quotesPath(List.of("NSE:SBIN-EQ")))).path("d").get(0).path("v");
            assertThat(then.path("lp").asDouble()).isEqualTo(tenOClock.get(4).asDouble());
        } finally {
            earlier.close();
        }
    }

    @Test
    void hourAndDayCandlesAlignToTheSessionAndToUtcMidnight() {
        clock.set(SimClock.ist("2026-03-10T16:00"));
        JsonNode hours = history("symbol", "NSE:TCS-EQ", "resolution", "60", "date_format", "1",
                "range_from", "2026-03-10", "range_to", "2026-03-10").path("candles");
        assertThat(hours).hasSize(7);
        assertThat(hours.get(0).get(0).asLong()).isEqualTo(epoch("2026-03-10T09:15"));
        assertThat(hours.get(6).get(0).asLong()).isEqualTo(epoch("2026-03-10T15:15"));

        JsonNode days = history("symbol", "NSE:TCS-EQ", "resolution", "D", "date_format", "1",
                "range_from", "2026-03-02", "range_to", "2026-03-10").path("candles");
        // 3 March is Holi, 7-8 March a weekend.
        assertThat(days).extracting(c -> c.get(0).asLong()).containsExactly(
                1772409600L, 1772582400L, 1772668800L, 1772755200L, 1773014400L, 1773100800L);
        JsonNode q = quote("NSE:TCS-EQ");
        assertThat(days.get(4).get(4).asDouble()).as("9 March's close is 10 March's previous close")
                .isEqualTo(q.path("prev_close_price").asDouble());
        assertThat(days.get(5).get(4).asDouble()).isEqualTo(q.path("lp").asDouble());
        assertThat(days.get(5).get(5).asLong()).isEqualTo(q.path("volume").asLong());
    }

    @Test
    void aSundayAHolidayOrTheFutureHasNoData() {
        for (String day : List.of("2026-03-08", "2026-03-03", "2026-03-12")) {
            JsonNode reply = history("symbol", "NSE:SBIN-EQ", "resolution", "5", "date_format", "1",
                    "range_from", day, "range_to", day);
            assertThat(reply.toString()).as(day).isEqualTo("{\"s\":\"no_data\",\"candles\":[]}");
        }
    }

    @Test
    void rangesBeyondFyersLimitsAndBadParametersAreInvalidInput() {
        assertInvalidInput(history("symbol", "NSE:SBIN-EQ", "resolution", "1", "date_format", "1",
                "range_from", "2025-11-29", "range_to", "2026-03-10")); // 101 days
        assertThat(history("symbol", "NSE:SBIN-EQ", "resolution", "15", "date_format", "1",
                "range_from", "2025-11-30", "range_to", "2026-03-10").path("s").asText()).isEqualTo("ok"); // 100 days
        assertInvalidInput(history("symbol", "NSE:SBIN-EQ", "resolution", "D", "date_format", "1",
                "range_from", "2025-03-08", "range_to", "2026-03-10")); // 367 days
        assertThat(history("symbol", "NSE:SBIN-EQ", "resolution", "D", "date_format", "1",
                "range_from", "2025-03-09", "range_to", "2026-03-10").path("candles").size()).isGreaterThan(240);
        assertInvalidInput(history("symbol", "NSE:SBIN-EQ", "resolution", "1S", "date_format", "1",
                "range_from", "2026-03-10", "range_to", "2026-03-10"));
        assertInvalidInput(history("symbol", "NSE:SBIN-EQ", "resolution", "5", "date_format", "1",
                "range_from", "2026-03-10", "range_to", "2026-03-09"));
        assertInvalidInput(history("symbol", "NSE:SBIN-EQ", "resolution", "5", "date_format", "0",
                "range_from", "2026-03-10", "range_to", "2026-03-10"));
        assertInvalidInput(history("resolution", "5", "date_format", "1", "range_from", "2026-03-10", "range_to", "2026-03-10"));

        JsonNode unknown = history("symbol", "NSE:NOTASTOCK-EQ", "resolution", "5", "date_format", "1",
                "range_from", "2026-03-10", "range_to", "2026-03-10");
        assertThat(unknown.path("code").asInt()).isEqualTo(-300);
    }

    private static void assertInvalidInput(JsonNode reply) {
        assertThat(reply.path("s").asText()).isEqualTo("error");
        assertThat(reply.path("code").asInt()).isEqualTo(-50);
        assertThat(reply.path("message").asText()).startsWith("Invalid input");
    }
}
