package io.pricefeed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HistoryCandleLineTest {
    @Test
    void aMinuteCandleIsAFinalOneMinuteBarWithoutVwapOrTicks() {
        String line = HistoryCandleLine.encode("NSE:SBIN-EQ", "1", 1773114300L, 1094.0, 1096.4, 1092.1, 1095.85, 612340);
        assertThat(line).isEqualTo("NSE:SBIN-EQ,1,1773114300,1094.0,1096.4,1092.1,1095.85,612340");
        Bar bar = HistoryCandleLine.decode(line);
        assertThat(bar.getTimeframe()).isEqualTo(Timeframe.M1);
        assertThat(bar.getBarStart()).isEqualTo(1773114300_000L); // 10-Mar-2026 09:15 IST
        assertThat(bar.getBarEnd()).isEqualTo(1773114360_000L);
        assertThat(bar.getVwap()).isNaN();
        assertThat(bar.getTickCount()).isZero();
        assertThat(bar.getRevision()).isZero();
        assertThat(bar.isFinalBar()).isTrue();
        assertThat(bar.getVolume()).isEqualTo(612340);
    }

    @Test
    void aDailyCandleStampedAtUtcMidnightIsTheSessionOfItsDate() {
        long utcMidnight = LocalDate.parse("2026-03-10").toEpochDay() * 86_400L;
        Bar bar = HistoryCandleLine.decode(HistoryCandleLine.encode("NSE:SBIN-EQ", "D", utcMidnight, 1, 2, 0.5, 1.5, 10));
        assertThat(bar.getTimeframe()).isEqualTo(Timeframe.D1);
        assertThat(bar.getBarStart()).isEqualTo(TradingCalendar.sessionOpen(LocalDate.parse("2026-03-10")));
        assertThat(bar.getBarEnd()).isEqualTo(TradingCalendar.sessionClose(LocalDate.parse("2026-03-10")));
        assertThat(HistoryCandleLine.tradeDate("D", utcMidnight)).isEqualTo(LocalDate.parse("2026-03-10"));
        // 00:00 IST of the same date (18:30 UTC the day before) is the same session.
        assertThat(HistoryCandleLine.tradeDate("D", utcMidnight - 19_800)).isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void aMalformedLineNamesWhatIsWrong() {
        assertThatThrownBy(() -> HistoryCandleLine.decode("NSE:SBIN-EQ,1,17731"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 fields");
        assertThatThrownBy(() -> HistoryCandleLine.decode("NSE:SBIN-EQ,5,1773114300,1,2,0.5,1.5,10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolution");
        assertThatThrownBy(() -> HistoryCandleLine.decode("NSE:SBIN-EQ,1,x,1,2,0.5,1.5,10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed number");
    }
}
