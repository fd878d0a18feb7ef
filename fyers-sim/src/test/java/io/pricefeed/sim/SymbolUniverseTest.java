package io.pricefeed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolUniverseTest {
    @Test
    void theDefaultUniverseIsTheNifty50InFyersFormat() {
        SymbolUniverse nifty = SymbolUniverse.nifty50();
        assertThat(nifty.size()).isEqualTo(50);
        assertThat(nifty.names()).doesNotHaveDuplicates()
                .contains("NSE:RELIANCE-EQ", "NSE:TCS-EQ", "NSE:HDFCBANK-EQ", "NSE:INFY-EQ", "NSE:SBIN-EQ", "NSE:M&M-EQ")
                .allSatisfy(s -> assertThat(s).matches("NSE:[A-Z&-]+-EQ"));
        assertThat(nifty.symbols()).allSatisfy(s -> {
            assertThat(Ticks.isMultiple(s.prevClose())).isTrue();
            assertThat(s.avgDailyVolume()).isPositive();
            assertThat(s.fyToken()).matches("10100000\\d{6}");
        });
        // The fixtures' previous closes, so the sim and the fixtures tell the same story.
        assertThat(nifty.find("NSE:SBIN-EQ").orElseThrow().prevClose()).isEqualTo(1092.4);
        assertThat(nifty.find("NSE:RELIANCE-EQ").orElseThrow().prevClose()).isEqualTo(1412.3);
        assertThat(nifty.find("NSE:SBIN-EQ").orElseThrow().shortName()).isEqualTo("SBIN-EQ");
        assertThat(nifty.find("NSE:SBIN-EQ").orElseThrow().exchange()).isEqualTo("NSE");
    }

    @Test
    void syntheticSymbolsAreNumberedAndReproducible() {
        SymbolUniverse a = SymbolUniverse.synthetic(2000, 5);
        assertThat(a.size()).isEqualTo(2000);
        assertThat(a.names().get(0)).isEqualTo("NSE:SYM0001-EQ");
        assertThat(a.names().get(1999)).isEqualTo("NSE:SYM2000-EQ");
        assertThat(a.symbols()).isEqualTo(SymbolUniverse.synthetic(2000, 5).symbols());
        assertThat(a.symbols()).allSatisfy(s -> assertThat(s.prevClose()).isBetween(50.0, 5000.0));
        assertThat(a.symbols()).isNotEqualTo(SymbolUniverse.synthetic(2000, 6).symbols());
        assertThat(SymbolUniverse.nifty50().plus(SymbolUniverse.synthetic(10, 1)).size()).isEqualTo(60);
    }

    @Test
    void badUniversesAreRefused() {
        assertThatThrownBy(() -> SymbolUniverse.nifty50().plus(SymbolUniverse.nifty50()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> SymbolUniverse.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SymbolUniverse.synthetic(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimSymbol("SBIN", 100, 1, "1")).hasMessageContaining("EXCHANGE:NAME");
        assertThatThrownBy(() -> new SimSymbol("NSE:SBIN-EQ", 100.02, 1, "1")).hasMessageContaining("0.05 tick");
        assertThatThrownBy(() -> new SimSymbol("NSE:SBIN-EQ", 100, 0, "1")).hasMessageContaining("avgDailyVolume");
    }
}
