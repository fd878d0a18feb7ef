package io.pricefeed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.Tick;
import io.pricefeed.producer.fyers.QuotesParser;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FyersSimLifecycleTest {
    @Test
    void aDefaultSimStartsOnAFreeLoopbackPortAndCloses() {
        FyersSim sim = FyersSim.builder().build();
        assertThatThrownBy(sim::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        sim.start();
        try {
            assertThat(sim.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(sim.port()).isPositive();
            assertThat(sim.clock().speed()).isEqualTo(FyersSim.DEFAULT_SPEED);
            assertThat(sim.clock().start()).isEqualTo(FyersSim.DEFAULT_START);
            assertThat(sim.market().anchorDay()).isEqualTo(LocalDate.of(2026, 3, 9));
            assertThat(SimHttp.get(sim, "/data/marketStatus").statusCode()).isEqualTo(200);
            assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
            assertThat(sim.toString()).contains(sim.baseUrl());
        } finally {
            sim.close();
        }
        sim.close();
        assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aTakenPortIsReportedWithTheAddress() {
        try (FyersSim first = FyersSim.builder().build().start()) {
            FyersSim second = FyersSim.builder().port(first.port()).build();
            assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
        }
    }

    @Test
    void badSettingsAreRefusedWhenGiven() {
        assertThatThrownBy(() -> FyersSim.builder().port(70_000)).hasMessageContaining("port");
        assertThatThrownBy(() -> FyersSim.builder().port(-1)).hasMessageContaining("port");
        assertThatThrownBy(() -> FyersSim.builder().httpThreads(0)).hasMessageContaining("httpThreads");
        assertThatThrownBy(() -> FyersSim.builder().anchorDay(LocalDate.of(2026, 3, 3)).build()).hasMessageContaining("2026-03-03");
        assertThatThrownBy(() -> new SimCredentials("A:B", "s", "c", "p")).hasMessageContaining("':'");
        assertThatThrownBy(() -> new SimCredentials("A-100", " ", "c", "p")).hasMessageContaining("appSecret");
        assertThat(SimCredentials.DEFAULT.toString()).doesNotContain(SimCredentials.DEFAULT.appSecret())
                .doesNotContain(SimCredentials.DEFAULT.authCode());
    }

    @Test
    void twoThousandSyntheticSymbolsAreQuotedFiftyAtATime() {
        SymbolUniverse universe = SymbolUniverse.synthetic(2000, 9);
        try (FyersSim sim = FyersSim.builder().symbols(universe).rateLimits(RateLimits.NONE)
                .clock(SimClock.stepped(SimClock.ist("2026-03-10T12:00"))).build().start()) {
            String auth = sim.authorizationHeader(sim.issueAccessToken());
            List<Tick> ticks = new ArrayList<>();
            List<String> names = universe.names();
            for (int i = 0; i < names.size(); i += 50) {
                HttpResponse<byte[]> r = SimHttp.get(sim, SimHttp.quotesPath(names.subList(i, i + 50)), auth);
                ticks.addAll(QuotesParser.parse(r.statusCode(), r.body(), sim.clock().now()).ticks());
            }
            assertThat(ticks).hasSize(2000);
            assertThat(sim.stats().served()).isEqualTo(40);
        }
    }

    @Test
    void theCommandLineBecomesSimSettings() {
        try (FyersSim sim = FyersSimMain.parse(new String[] {"--port", "0", "--speed", "120", "--start", "2026-03-11T10:00",
                "--seed", "5", "--synthetic", "10", "--refresh", "enabled", "--no-rate-limits"}).build().start()) {
            assertThat(sim.market().universe().size()).isEqualTo(60);
            assertThat(sim.clock().speed()).isEqualTo(120);
            assertThat(sim.clock().start()).isEqualTo(SimClock.ist("2026-03-11T10:00"));
            assertThat(sim.market().seed()).isEqualTo(5);
        }
        assertThatThrownBy(() -> FyersSimMain.parse(new String[] {"--speed"})).hasMessageContaining("--speed needs a value");
        assertThatThrownBy(() -> FyersSimMain.parse(new String[] {"--colour", "red"})).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> FyersSimMain.parse(new String[] {"--speed", "fast"})).hasMessageContaining("--speed");
        assertThatThrownBy(() -> FyersSimMain.parse(new String[] {"--refresh", "maybe"})).hasMessageContaining("--refresh");
    }
}
