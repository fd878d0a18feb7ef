package io.pricefeed.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.standins.CapturedLogs;
import io.pricefeed.sim.FaultKind;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against fyers-sim on a stepped clock: the schedule (weekends, holidays, nights,
 * unscheduled closures), resuming by itself, and the per-failure behaviour.
 */
class QuotePollerTest {
    private static final List<String> NIFTY = SymbolUniverse.nifty50().names();

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private PollerRig rig(String start, List<String> symbols, FyersSim.Builder sim, int concurrency) {
        PollerRig rig = new PollerRig(sim, SimClock.stepped(SimClock.ist(start)), symbols, dir, TradingCalendar.nse(),
                concurrency, RequestBudget.builder());
        open.add(rig);
        return rig.start();
    }

    /** Lets real time pass while the stepped clock stands still, so the poller could act if it wanted to. */
    private static void idleFor(Duration real) {
        long until = System.nanoTime() + real.toNanos();
        await().atMost(real.plusSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> System.nanoTime() >= until);
    }

    /** Steps the clock by {@code step} each poll until the condition holds. */
    private static void stepUntil(SimClock clock, Duration step, Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (condition.call()) {
                return true;
            }
            clock.advance(step);
            return false;
        });
    }

    @Test
    void aWeekendAndItsNightsPassWithoutACallAndPollingResumesAtMondaysOpen() {
        PollerRig rig = rig("2026-03-14T11:00", NIFTY, FyersSim.builder().seed(1), 2); // a Saturday
        long loginCalls = rig.sim.stats().requests();
        idleFor(Duration.ofMillis(300));
        assertThat(rig.sim.stats().requests()).isEqualTo(loginCalls);
        assertThat(rig.poller.isPollingAllowed()).isFalse();
        assertThat(rig.poller.idleReason()).contains("next session opens 2026-03-16 09:15");

        rig.clock.set(SimClock.ist("2026-03-15T23:30")); // Sunday night
        idleFor(Duration.ofMillis(200));
        assertThat(rig.sim.stats().requests()).isEqualTo(loginCalls);

        rig.clock.set(SimClock.ist("2026-03-16T09:15")); // Monday's open
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.ticks().size() >= 50);
        assertThat(rig.ticks()).extracting(Tick::getSymbol).containsAll(NIFTY);
        assertThat(rig.ticks()).extracting(Tick::getTs).containsOnly(SimClock.ist("2026-03-16T09:15").toEpochMilli());
        // The Saturday token died at 06:00 on Sunday: it was refreshed from its JWT exp, before any call was refused.
        assertThat(rig.metrics.tokenRefreshes.get()).isEqualTo(1);
        assertThat(rig.sim.stats().authFailures()).isZero();
    }

    @Test
    void pollingStopsAtTheCloseAndNoCallIsMadeAfterIt() {
        PollerRig rig = rig("2026-03-10T15:29:50", NIFTY, FyersSim.builder().seed(2), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.ticks().size() >= 50);
        stepUntil(rig.clock, Duration.ofMillis(500), () -> !rig.poller.isPollingAllowed());
        assertThat(rig.clock.now()).isGreaterThanOrEqualTo(SimClock.ist("2026-03-10T15:30").toEpochMilli());
        long calls = rig.sim.stats().requests();
        rig.clock.set(SimClock.ist("2026-03-10T20:00"));
        idleFor(Duration.ofMillis(300));
        assertThat(rig.sim.stats().requests()).isEqualTo(calls);
        assertThat(rig.ticks()).allSatisfy(t -> assertThat(t.getTs()).isLessThan(SimClock.ist("2026-03-10T15:30:01").toEpochMilli()));
    }

    @Test
    void aHolidayPassesWithoutACall() {
        PollerRig rig = rig("2026-03-03T11:00", NIFTY, FyersSim.builder().seed(3), 2); // Holi
        long calls = rig.sim.stats().requests();
        idleFor(Duration.ofMillis(300));
        assertThat(rig.sim.stats().requests()).isEqualTo(calls);
        assertThat(rig.poller.idleReason()).contains("next session opens 2026-03-04 09:15");
    }

    @Test
    void anUnscheduledClosureReportedByMarketStatusStopsPollingAndIsCheckedAgain() {
        // Fyers (the sim) knows a closure that the producer's calendar does not.
        FyersSim.Builder closed = FyersSim.builder().seed(4).anchorDay(LocalDate.of(2026, 3, 6))
                .calendar(TradingCalendar.withHolidays(List.of(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 10))));
        PollerRig rig = rig("2026-03-10T11:00", NIFTY, closed, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.metrics.marketStatusChecks.get() == 1);
        idleFor(Duration.ofMillis(200));
        assertThat(rig.poller.isPollingAllowed()).isFalse();
        assertThat(rig.poller.idleReason()).contains("Fyers reports NSE CLOSED");
        assertThat(rig.metrics.fyersCalls.get()).as("only the status call").isEqualTo(1);

        rig.clock.advance(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.metrics.marketStatusChecks.get() == 2);
        assertThat(rig.metrics.quoteCallsOk.get() + rig.metrics.quoteCallsFailed.get()).isZero();
        assertThat(rig.ticks()).isEmpty();
    }

    @Test
    void aSymbolFyersRefusesIsDroppedWithOneWarningAndTheRestKept() {
        List<String> symbols = new ArrayList<>(NIFTY.subList(0, 10));
        symbols.add(5, "NSE:NOTASTOCK-EQ");
        try (CapturedLogs logs = new CapturedLogs()) {
            PollerRig rig = rig("2026-03-10T11:00", symbols, FyersSim.builder().seed(5), 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.ticks().size() >= 10);
            AtomicLong calls = new AtomicLong(rig.metrics.quoteCallsOk.get());
            stepUntil(rig.clock, Duration.ofSeconds(1), () -> rig.metrics.quoteCallsOk.get() >= calls.get() + 5);

            assertThat(rig.poller.symbolCount()).isEqualTo(10);
            assertThat(rig.metrics.symbolsRejected.get()).isEqualTo(1);
            assertThat(rig.ticks()).extracting(Tick::getSymbol).doesNotContain("NSE:NOTASTOCK-EQ").containsAll(NIFTY.subList(0, 10));
            assertThat(logs.lines()).filteredOn(l -> l.contains("NOTASTOCK")).singleElement().asString()
                    .startsWith("WARN").contains("Fyers refused symbol NSE:NOTASTOCK-EQ");
        }
    }

    @Test
    void aCloudflarePagePausesAllPollingForMoreThanAMinute() {
        PollerRig rig = rig("2026-03-10T11:00", NIFTY, FyersSim.builder().seed(6), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.ticks().size() >= 50);
        rig.sim.injectFaults(FaultKind.CLOUDFLARE_429, 1);
        stepUntil(rig.clock, Duration.ofMillis(500), () -> rig.sim.stats().faults(FaultKind.CLOUDFLARE_429) == 1
                && rig.budget.isPaused());
        long pausedAt = rig.clock.now();
        long calls = rig.sim.stats().requests();

        stepUntil(rig.clock, Duration.ofSeconds(1), () -> rig.clock.now() >= pausedAt + 64_000);
        assertThat(rig.sim.stats().requests()).as("no call during the pause").isEqualTo(calls);
        assertThat(rig.metrics.rateLimitPages.get()).isEqualTo(1);

        stepUntil(rig.clock, Duration.ofSeconds(1), () -> rig.sim.stats().requests() > calls);
        assertThat(rig.clock.now()).isGreaterThanOrEqualTo(pausedAt + 65_000);
        assertThat(rig.sim.stats().rateLimited()).isZero();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheQuotesArrive() {
        PollerRig rig = rig("2026-03-10T11:00", NIFTY.subList(0, 5), FyersSim.builder().seed(7), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.ticks().size() == 5);
        rig.sim.injectFaults(FaultKind.SERVER_ERROR, 3);
        long failingFrom = rig.clock.now();
        stepUntil(rig.clock, Duration.ofMillis(250), () -> rig.metrics.quoteCallsOk.get() == 2);

        assertThat(rig.metrics.transientErrors.get()).isEqualTo(3);
        assertThat(rig.metrics.backoffs.get()).isEqualTo(3);
        assertThat(rig.poller.batchesBackingOff()).isZero();
        // Three retries with 1 s, 2 s and 4 s ceilings: at least half of each was waited.
        assertThat(rig.clock.now() - failingFrom).isGreaterThanOrEqualTo(1_000 + 3_500);
    }
}
