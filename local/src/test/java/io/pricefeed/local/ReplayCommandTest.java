package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest extends CliTestBase {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** Tuesday 2026-03-10, 10:00 IST: mid-session, so each symbol's first tick is its baseline (DESIGN.md §4). */
    private static final long T0 = LocalDateTime.of(2026, 3, 10, 10, 0).atZone(IST).toInstant().toEpochMilli();

    // One symbol's day, scaled per symbol: seconds after 10:00, ltp, cumVolume, atp.
    private static final int[] SECONDS = {5, 20, 40, 70, 110, 150};
    private static final double[] LTP = {1100.00, 1101.50, 1100.50, 1102.00, 1099.00, 1099.50};
    private static final long[] CUM = {10_000, 10_300, 10_500, 11_200, 12_000, 12_100};
    private static final double[] ATP = {1097.90, 1097.95, 1098.00, 1098.10, 1098.25, 1098.26};

    @TempDir
    Path dir;



    /** 3 symbols x 6 ticks over 10:00-10:02 IST, and one line the codec rejects. */
    private Path writeTicks() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] symbols = {"NSE:SBIN-EQ", "NSE:INFY-EQ", "NSE:TCS-EQ"};
        for (int s = 0; s < symbols.length; s++) {
            double scale = 1 + s * 0.5;
            for (int i = 0; i < SECONDS.length; i++) {
                // dayHigh/dayLow constant and outside every ltp: no widening, so the bars are plain ltp ranges.
                Tick tick = new Tick(symbols[s], T0 + SECONDS[i] * 1000L, LTP[i] * scale, CUM[i], ATP[i] * scale,
                        1095 * scale, 1105 * scale, 1090 * scale, 1092.40 * scale, LTP[i] * scale - 0.05, LTP[i] * scale);
                lines.add(new String(WireCodec.encode(tick), StandardCharsets.UTF_8));
            }
        }
        lines.add("{\"type\":\"tick\",\"symbol\":\"NSE:SBIN-EQ\"}");
        Path file = dir.resolve("ticks.ndjson");
        Files.write(file, lines);
        return file;
    }

    @Test
    void replaysNdjsonIntoALakeThatTheQueryEngineReads() throws Exception {
        Path ticks = writeTicks();
        Path lake = dir.resolve("lake");

        int exit = run("replay", "--ticks", ticks.toString(), "--lake", lake.toString(), "--parallelism", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .startsWith("replaying " + ticks + " into " + lake + " (batch mode, parallelism 2;")
                .containsPattern("\nreplayed 18 ticks \\(1 rejected records\\) in \\d+\\.\\d s, [\\d,]+ ticks/s\n")
                .contains("\nlake: " + lake + "\n")
                .contains("query it: ./pricefeed query --lake " + lake + " \"SELECT timeframe,")
                .contains("rejects: ./pricefeed query --lake " + lake);

        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            assertThat(engine.query("SELECT count(*) AS n FROM bars WHERE timeframe = '1m'").value(0, "n")).isEqualTo(9L);
            // SBIN 10:01: ticks at :10 (1102.00) and :50 (1099.00); baseline = the 10:00:40 tick
            // (cum 10500, atp 1098.00). volume 12000 - 10500 = 1500;
            // vwap (1098.25 x 12000 - 1098.00 x 10500) / 1500 = (13179000 - 11529000) / 1500 = 1100.00.
            QueryResult bar = engine.query("SELECT epoch_ms(bar_start) AS start_ms, epoch_ms(bar_end) AS end_ms, open, high,"
                    + " low, close, vwap, volume, tick_count, revision, trade_date FROM bars WHERE timeframe = '1m'"
                    + " AND symbol = 'NSE:SBIN-EQ' AND bar_start = TIMESTAMP '2026-03-10 04:31:00'");
            assertThat(bar.rows()).hasSize(1);
            assertThat(bar.rows().get(0)).containsExactly(T0 + 60_000, T0 + 120_000, 1102.00, 1102.00, 1099.00, 1099.00,
                    1100.00, 1500L, 2L, 0, "2026-03-10");
            assertThat(engine.query("SELECT reason FROM rejects").rows()).hasSize(1);
            assertThat(engine.query("SELECT count(*) AS n FROM ticks").value(0, "n")).as("NDJSON ticks are archived").isEqualTo(18L);
        }

        // The printed hint is a working query.
        String hint = out.toString().lines().filter(l -> l.startsWith("query it: ")).findFirst().orElseThrow();
        String sql = hint.substring(hint.indexOf('"') + 1, hint.lastIndexOf('"'));
        out.getBuffer().setLength(0);
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv", sql)).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("timeframe,bars,symbols\n1m,9,3\n5m,3,3\n");
    }

    @Test
    void barsOnlyRebuildsTheSameBarsWithoutTheAnomalyRules() throws Exception {
        Path ticks = writeTicks();
        // SBIN 6% over its previous close: a PRICE_MOVE in the full replay.
        Tick jump = new Tick("NSE:SBIN-EQ", T0 + 170_000, 1092.40 * 1.06, 12_200, 1098.30, 1095, 1158, 1090, 1092.40, 1157.9, 1158);
        Files.writeString(ticks, new String(WireCodec.encode(jump), StandardCharsets.UTF_8) + "\n", StandardOpenOption.APPEND);
        Path full = dir.resolve("full");
        Path barsOnly = dir.resolve("bars-only");

        assertThat(run("replay", "--ticks", ticks.toString(), "--lake", full.toString(), "--parallelism", "1")).as(err.toString()).isZero();
        assertThat(run("replay", "--ticks", ticks.toString(), "--lake", barsOnly.toString(), "--parallelism", "1", "--bars-only"))
                .as(err.toString()).isZero();

        assertThat(out.toString()).contains("(batch mode, parallelism 1, bars only;");
        String bars = "SELECT timeframe, symbol, bar_start, open, high, low, close, vwap, volume, tick_count FROM bars ORDER BY ALL";
        try (LakeQueryEngine a = LakeQueryEngine.open(full); LakeQueryEngine b = LakeQueryEngine.open(barsOnly)) {
            assertThat(a.query("SELECT rule, symbol FROM anomalies").rows()).containsExactly(List.of("PRICE_MOVE", "NSE:SBIN-EQ"));
            assertThat(b.query(bars).rows()).isNotEmpty().isEqualTo(a.query(bars).rows());
        }
        assertThat(barsOnly.resolve("anomalies")).as("no anomaly files").doesNotExist();
    }

    @Test
    void aMissingTicksPathIsOneLine() {
        assertThat(run("replay", "--ticks", dir.resolve("nope.ndjson").toString(), "--lake", dir.resolve("lake").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("pricefeed: no ticks at " + dir.resolve("nope.ndjson")
                + " (expected an NDJSON file or folder, or a lake's ticks/ folder)\n");
    }

    @Test
    void aBadConfigNamesTheFileAndTheKey() throws Exception {
        Path ticks = writeTicks();
        Path config = dir.resolve("job.json");
        Files.writeString(config, "{\"bars\": {\"fillGap\": true}}");

        assertThat(run("replay", "--ticks", ticks.toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: config file " + config + ": unknown configuration key 'bars.fillGap'")
                .doesNotContain("\n\t");

        err.getBuffer().setLength(0);
        Files.writeString(config, "{\"bars\": ");
        assertThat(run("replay", "--ticks", ticks.toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: could not read config file " + config);

        err.getBuffer().setLength(0);
        assertThat(run("replay", "--ticks", ticks.toString(), "--config", dir.resolve("none.json").toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("pricefeed: config file " + dir.resolve("none.json") + " does not exist\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesToWriteTheLakeItReadsFrom() throws Exception {
        Path ticks = Files.createDirectories(dir.resolve("lake/ticks/trade_date=2026-03-10"));

        assertThat(run("replay", "--ticks", ticks.toString(), "--lake", dir.resolve("lake").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: the ticks " + ticks + " are inside the lake being written")
                .contains("--lake data/replay");
    }

    @Test
    void usageErrorsAndHelp() {
        assertThat(run("replay")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--ticks=PATH'");

        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: pricefeed replay").contains("--parallelism=N")
                .contains("no output until the summary");
    }
}
