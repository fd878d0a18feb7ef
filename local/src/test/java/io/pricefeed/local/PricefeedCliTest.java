package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PricefeedCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PricefeedCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: pricefeed").contains("stand-ins").contains("help");
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("Usage: pricefeed");
    }

    @Test
    void anUnknownSubcommandIsAnErrorWithTheUsage() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'fly'");
    }

    @Test
    void standInsCheckStartsBothWithThePipelineResourcesAndStops(@TempDir Path data) {
        int exit = run("stand-ins", "--check", "--kinesis-port", "0", "--kinesis-tls-port", "0",
                "--dynamodb-port", "0", "--data-dir", data.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("Kinesis  http://127\\.0\\.0\\.1:\\d+  streams: ticks \\(2 shards\\), anomalies")
                .containsPattern("DynamoDB http://127\\.0\\.0\\.1:\\d+  tables: bars, alert-dedup")
                .contains("OK: both stand-ins answered; stopping.");
        assertThat(data.resolve("logs/kinesis-local.log")).exists();
    }

    @Test
    void aBadFlagValueIsOneLine() {
        assertThat(run("stand-ins", "--check", "--ticks-shards", "0")).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("pricefeed: --ticks-shards must be at least 1, got 0");
    }
}
