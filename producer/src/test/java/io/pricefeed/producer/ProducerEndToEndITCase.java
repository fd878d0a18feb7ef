package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersTokens;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fyers-sim + producer + kinesalite: 200 symbols for 20 simulated minutes at 36x. Every price or
 * volume change the sim delivered must be in the stream exactly once, with its content; the sim
 * must never have answered -429; every shard must have heartbeats.
 *
 * <p>The request budget is cut to 60 calls a minute here (about 1,800 ticks a second of real time
 * at 36x): the full 200 would be about 6,000 ticks a second, more than the sim, the producer,
 * kinesalite and the test's reader share on a 2-core machine. The budget at its limit is exercised without Kinesis in {@code QuotePollerBudgetITCase}.
 */
@LocalAws
class ProducerEndToEndITCase {
    static final double SPEED = 36;
    static final int PER_MINUTE = 60;
    static final Duration RUN = Duration.ofMinutes(20);

    @Test
    void everyChangeServedArrivesOnceWithoutA429AndEveryShardHeartbeats(Kinesalite kinesis, @TempDir Path dir) {
        String stream = "ticks-e2e";
        kinesis.createStream(stream, 2);
        SimClock clock = SimClock.accelerated(SimClock.ist("2026-03-10T10:00"), SPEED);
        SymbolUniverse universe = SymbolUniverse.synthetic(200, 11);
        try (FyersSim sim = FyersSim.builder().clock(clock).seed(11).symbols(universe).recordServedQuotes().build().start()) {
            FileTokenStore store = new FileTokenStore(dir.resolve("tokens.json"));
            store.save(FyersTokens.of(sim.issueAccessToken(), null));
            ObjectNode json = TestConfigs.forSim(sim, kinesis, stream, universe.names(), dir.resolve("tokens.json"));
            TestConfigs.object(json, "limits").put("perMinute", PER_MINUTE);
            TestConfigs.object(json, "kinesis").put("flushTimeout", "PT60S");
            ProducerConfig config = ProducerConfig.parse(json.toString());

            long start = clock.now();
            ProducerStatus status;
            try (Producer producer = Producer.builder(config).clock(SimPacedClock.of(clock)).environment(Map.of()).seed(5).build().start()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> clock.now() >= start + RUN.toMillis());
                status = producer.status();
                assertThat(status.state()).isEqualTo(ProducerState.POLLING);
            }
            StreamContents contents = StreamContents.read(kinesis.client(), stream);

            Map<String, List<ServedChanges.Content>> expected = ServedChanges.of(sim.servedQuotes());
            Map<String, List<ServedChanges.Content>> published = ServedChanges.published(contents.ticksBySymbol());
            assertThat(sim.stats().rateLimited()).as("-429 answers").isZero();
            assertThat(sim.stats().minuteViolations()).isZero();
            assertThat(expected).hasSize(200);
            assertThat(contents.tickCount()).isEqualTo(ServedChanges.count(expected));
            assertThat(published).isEqualTo(expected);
            long served = sim.servedQuotes().replies();
            assertThat(served).as("quotes replies in %s simulated", RUN).isGreaterThan((long) (0.8 * (PER_MINUTE - 1) * RUN.toMinutes()));
            assertThat(contents.heartbeatsByShard).hasSize(2).allSatisfy((shard, beats) -> {
                assertThat(beats).as("heartbeats on %s", shard).hasSizeGreaterThan(300);
                assertThat(beats).extracting(Heartbeat::getSource).containsOnly("producer-it");
                assertThat(beats).extracting(Heartbeat::getTs).isSorted();
            });
            System.out.printf("e2e: %d quotes replies, %d ticks, %d heartbeats; %s%n", served, contents.tickCount(),
                    contents.heartbeatsByShard.values().stream().mapToInt(List::size).sum(), status.summary());
        }
    }
}
