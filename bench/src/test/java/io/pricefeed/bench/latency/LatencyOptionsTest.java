package io.pricefeed.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class LatencyOptionsTest {
    @Test
    void theRateDefaultsToOneTickPerSymbolPerSecondAndTheSampleToEverySymbol() {
        LatencyOptions o = parse("--symbols", "30");

        assertThat(o.rate()).isEqualTo(30.0);
        assertThat(o.sample()).isEqualTo(30);
        assertThat(parse("--symbols", "30", "--sample", "50").sample()).isEqualTo(30);
        assertThat(parse("--sample", "5", "--rate", "7.5").sample()).isEqualTo(5);
    }

    @Test
    void aFlagOutOfRangeIsNamed() {
        assertThatThrownBy(() -> validate("--surges", "11")).isInstanceOf(ParameterException.class)
                .hasMessage("--surges must be 0..10 (at most --symbols / 2), got 11");
        assertThatThrownBy(() -> validate("--symbols", "1000")).hasMessage("--symbols must be 1..999, got 1000");
        assertThatThrownBy(() -> validate("--warmup-seconds", "5")).hasMessage("--warmup-seconds must be at least 10, got 5");
        assertThatThrownBy(() -> validate("--rate", "0")).hasMessage("--rate must be above 0, got 0.0");
        assertThatThrownBy(() -> validate("--minutes", "0")).hasMessageContaining("'--minutes'")
                .hasMessageContaining("must be at least 1, got 0");
    }

    private static LatencyOptions parse(String... args) {
        LatencyOptions o = new LatencyOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    private static void validate(String... args) {
        LatencyOptions o = new LatencyOptions();
        CommandLine cli = new CommandLine(o);
        cli.parseArgs(args);
        o.validate(cli.getCommandSpec());
    }
}
