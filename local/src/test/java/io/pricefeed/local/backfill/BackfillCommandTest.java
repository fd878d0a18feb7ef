package io.pricefeed.local.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.local.PricefeedCli;
import io.pricefeed.producer.history.FetchProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flag handling and the progress line of {@code ./pricefeed backfill}; the run itself is BackfillITCase. */
class BackfillCommandTest {
    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PricefeedCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] args(String... extra) throws Exception {
        return between("2026-03-02", "2026-03-06", extra);
    }

    private String[] between(String from, String to, String... extra) throws Exception {
        Path config = dir.resolve("producer.json");
        Files.writeString(config, "{\"fyers\":{\"clientId\":\"XC4XXXXM-100\"}}");
        String[] base = {"backfill", "--config", config.toString(), "--symbols", "NSE:SBIN-EQ", "--from", from,
                "--to", to, "--lake", dir.resolve("lake").toString(), "--staging", dir.resolve("staging").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void badFlagsAreOneLineErrorsNamingTheFlag() throws Exception {
        assertThat(run(args("--resolution", "5"))).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("pricefeed: --resolution must be 1 or D, got '5'" + System.lineSeparator());
        assertThat(run(between("2026-03-02", "2026-02-30"))).isEqualTo(1);
        assertThat(err.toString()).contains("--to must be a date yyyy-MM-dd, got '2026-02-30'");
        assertThat(run(between("2026-03-09", "2026-03-06"))).isEqualTo(1);
        assertThat(err.toString()).contains("--to (2026-03-06) is before --from (2026-03-09)");
        assertThat(run("backfill", "--config", dir.resolve("missing.json").toString(), "--symbols", "NSE:SBIN-EQ",
                "--from", "2026-03-02", "--to", "2026-03-06")).isEqualTo(2);
        assertThat(err.toString()).contains("no producer config at");
    }

    @Test
    void symbolsAreAListOrAFileAndEachIsChecked() throws Exception {
        assertThat(BackfillCommand.symbolList("NSE:SBIN-EQ, NSE:INFY-EQ,NSE:SBIN-EQ")).containsExactly("NSE:SBIN-EQ", "NSE:INFY-EQ");
        Path file = dir.resolve("symbols.txt");
        Files.writeString(file, "# banks\nNSE:SBIN-EQ\n\nNSE:HDFCBANK-EQ\n");
        assertThat(BackfillCommand.symbolList(file.toString())).containsExactly("NSE:SBIN-EQ", "NSE:HDFCBANK-EQ");
        assertThatThrownBy(() -> BackfillCommand.symbolList("SBIN")).hasMessage("--symbols: 'SBIN' is not a Fyers symbol such as NSE:SBIN-EQ");
        assertThat(run(args()[0], "--help")).isZero();
    }

    @Test
    void theProgressLineShowsSymbolsChunksCallsWaitsAndEta() {
        FetchProgress fresh = new FetchProgress();
        assertThat(BackfillProgressLine.of(fresh, 0, 0))
                .isEqualTo("[####################] 100% | symbols 0/0 | chunks 0/0 | calls 0 | rate-limit waits 0 | ETA 0:00");
        assertThat(BackfillProgressLine.duration(61_000)).isEqualTo("1:01");
        assertThat(BackfillProgressLine.duration(3_723_000)).isEqualTo("1:02:03");
    }
}
