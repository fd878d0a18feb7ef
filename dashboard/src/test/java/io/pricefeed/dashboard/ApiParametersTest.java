package io.pricefeed.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pricefeed.model.Timeframe;
import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiParametersTest {
    private static final Set<String> BARS = Set.of("symbol", "tf", "from", "to", "limit");

    private static ApiParameters of(String query) {
        return ApiParameters.of(URI.create("/api/bars?" + query), BARS);
    }

    private static ApiException refused(Runnable read) {
        return catchThrowableOfType(read::run, ApiException.class);
    }

    @Test
    void readsUrlEncodedValuesAndDefaults() {
        ApiParameters p = of("symbol=NSE%3AM%26M-EQ&from=1773114300000&limit=20");

        assertThat(p.symbol()).isEqualTo("NSE:M&M-EQ");
        assertThat(p.timeframe()).isEqualTo(Timeframe.M1);
        assertThat(p.epochMillis("from")).contains(1773114300000L);
        assertThat(p.epochMillis("to")).isEmpty();
        assertThat(p.integer("limit", 1, 5000, 1000)).isEqualTo(20);
        assertThat(of("").integer("limit", 1, 5000, 1000)).isEqualTo(1000);
        assertThat(of("tf=1H").timeframe()).isEqualTo(Timeframe.H1);
    }

    @Test
    void datesAreIsoDays() {
        ApiParameters p = ApiParameters.of(URI.create("/api/anomalies?date=2026-03-10"), Set.of("date"));

        assertThat(p.date("date")).isEqualTo(Optional.of(LocalDate.of(2026, 3, 10)));
        ApiException e = refused(() -> ApiParameters.of(URI.create("/x?date=10-03-2026"), Set.of("date")).date("date"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e).hasMessage("parameter 'date': '10-03-2026' is not a date yyyy-MM-dd");
    }

    @Test
    void everyRefusalIs400NamingTheParameter() {
        assertThat(refused(() -> of("tf=5m").symbol())).hasMessage("parameter 'symbol': required");
        assertThat(refused(() -> of("symbol=NSE:SBIN-EQ;DROP").symbol()))
                .hasMessage("parameter 'symbol': 'NSE:SBIN-EQ;DROP' is not a symbol such as NSE:SBIN-EQ");
        assertThat(refused(() -> of("symbol=x'y").symbol())).hasMessageStartingWith("parameter 'symbol': ");
        assertThat(refused(() -> of("from=1.5e12").epochMillis("from")))
                .hasMessage("parameter 'from': '1.5e12' is not a time in epoch milliseconds");
        assertThat(refused(() -> of("limit=99999").integer("limit", 1, 5000, 1000)))
                .hasMessage("parameter 'limit': must be between 1 and 5000, got 99999");
        assertThat(refused(() -> of("sym=NSE:SBIN-EQ")))
                .hasMessage("parameter 'sym': not taken here (expected from, limit, symbol, tf, to)");
        assertThat(refused(() -> of("tf=").timeframe())).hasMessage("parameter 'tf': empty");
        assertThat(refused(() -> of("tf=1m&tf=1m"))).hasMessage("parameter 'tf': given more than once");
        assertThat(refused(() -> of("tf=1w").timeframe()).status()).isEqualTo(400);
    }
}
