package io.pricefeed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.bench.flink.BarPipelineBench;
import io.pricefeed.bench.flink.ReplayBench;
import io.pricefeed.bench.kinesis.StandInBench;
import io.pricefeed.bench.lake.LakeShapeBench;
import io.pricefeed.bench.latency.LatencyBench;
import io.pricefeed.bench.producer.ProducerBudgetBench;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The harnesses' flags and defaults as bench/README.md documents them: parsed only, never run.
 */
class HarnessFlagsTest {
    @Test
    void barPipelineBenchDefaultsAndTheDocumentedCommand() {
        CommandLine cli = parse(BarPipelineBench.class);
        assertThat(value(cli, "--symbols")).isEqualTo(500);
        assertThat(value(cli, "--minutes")).isEqualTo(60);
        assertThat(value(cli, "--parallelism")).isEqualTo(List.of(1, 2));
        assertThat(value(cli, "--runs")).isEqualTo(3);
        assertThat(value(cli, "--warmup-minutes")).isEqualTo(10);
        assertThat(value(cli, "--dup-every")).isEqualTo(50);
        assertThat(value(cli, "--seed")).isEqualTo(42L);
        assertThat(value(cli, "--pipelines")).isEqualTo(List.of("pricefeed job", "pricefeed bars-only", "flink-sql",
                "floor: source+decode"));

        cli = parse(BarPipelineBench.class, "--symbols", "500", "--minutes", "60", "--parallelism", "1,2", "--runs", "5",
                "--pipelines", "sql,floor", "--object-reuse", "--explain");
        assertThat(value(cli, "--runs")).isEqualTo(5);
        assertThat(value(cli, "--pipelines")).isEqualTo(List.of("flink-sql", "floor: source+decode"));
        assertThat(value(cli, "--object-reuse")).isEqualTo(true);
    }

    @Test
    void replayBenchDefaults() {
        CommandLine cli = parse(ReplayBench.class);
        assertThat(value(cli, "--symbols")).isEqualTo(2000);
        assertThat(value(cli, "--seconds")).isEqualTo(22500);
        assertThat(value(cli, "--files")).isEqualTo(8);
        assertThat(value(cli, "--parallelism")).isEqualTo(List.of(1, 2));
        assertThat(value(cli, "--seed")).isEqualTo(42L);
        assertThat(value(cli, "--dir")).isEqualTo(Path.of("data/bench"));
        assertThat(value(cli, "--rows")).isEqualTo(List.of("duckdb scan", "flink read+decode", "replay (ReplayJob.run)",
                "replay --bars-only"));

        cli = parse(ReplayBench.class, "--symbols", "200", "--seconds", "3600", "--rows", "replay,bars-only", "--no-warmup",
                "--keep-output");
        assertThat(value(cli, "--rows")).isEqualTo(List.of("replay (ReplayJob.run)", "replay --bars-only"));
        assertThat(value(cli, "--no-warmup")).isEqualTo(true);
    }

    @Test
    void latencyBenchDefaults() {
        CommandLine cli = parse(LatencyBench.class);
        assertThat(value(cli, "--symbols")).isEqualTo(20);
        assertThat(value(cli, "--minutes")).isEqualTo(4);
        assertThat(value(cli, "--rate")).isNull();
        assertThat(value(cli, "--shards")).isEqualTo(4);
        assertThat(value(cli, "--parallelism")).isEqualTo(2);
        assertThat(value(cli, "--warmup-seconds")).isEqualTo(30);
        assertThat(value(cli, "--poll-ms")).isEqualTo(50L);
        assertThat(value(cli, "--sample")).isEqualTo(0);
        assertThat(value(cli, "--surges")).isEqualTo(4);
        assertThat(value(cli, "--get-records-ms")).isEqualTo(200L);
        assertThat(value(cli, "--out-of-orderness-ms")).isEqualTo(2000L);
        assertThat(value(cli, "--allowed-lateness-ms")).isEqualTo(5000L);
        assertThat(value(cli, "--live-update-ms")).isEqualTo(1000L);
        assertThat(value(cli, "--checkpoint-ms")).isEqualTo(60000L);
        assertThat(value(cli, "--seed")).isEqualTo(42L);

        cli = parse(LatencyBench.class, "--allowed-lateness-ms", "0", "--live-update-ms", "500", "--rate", "40");
        assertThat(value(cli, "--allowed-lateness-ms")).isEqualTo(0L);
        assertThat(value(cli, "--rate")).isEqualTo(40.0);
    }

    @Test
    void producerBudgetBenchTakesFlagsOrTheOlderPositionalForm() {
        CommandLine cli = parse(ProducerBudgetBench.class);
        assertThat(value(cli, "--minutes")).isEqualTo(10);
        assertThat(value(cli, "--speed")).isEqualTo(20.0);
        assertThat(value(cli, "--ticks")).isEqualTo(3000);

        cli = parse(ProducerBudgetBench.class, "10", "20", "3000");
        assertThat(cli.getCommandSpec().positionalParameters()).extracting(p -> (Object) p.getValue())
                .containsExactly(10, 20.0, 3000);
        assertThatThrownBy(() -> parse(ProducerBudgetBench.class, "10", "20", "3000", "4"))
                .isInstanceOf(ParameterException.class);
    }

    @Test
    void lakeShapeBenchDefaults() {
        CommandLine cli = parse(LakeShapeBench.class);
        assertThat(value(cli, "--symbols")).isEqualTo(200);
        assertThat(value(cli, "--parallelism")).isEqualTo(2);
        assertThat(value(cli, "--checkpoint-ms")).isEqualTo(300);
        assertThat(value(cli, "--sim-seconds-per-checkpoint")).isEqualTo(60);
        assertThat(value(cli, "--reject-every-seconds")).isEqualTo(600);
        assertThat(value(cli, "--seed")).isEqualTo(42L);
        assertThat(value(cli, "--dir")).isEqualTo(Path.of("data/bench"));
        assertThat(value(cli, "--compaction")).isEqualTo("both");
    }

    @Test
    void standInBenchDefaults() {
        CommandLine cli = parse(StandInBench.class);
        assertThat(value(cli, "--records")).isEqualTo(1_000_000);
        assertThat(value(cli, "--shards")).isEqualTo(List.of(2, 8));
        assertThat(value(cli, "--symbols")).isEqualTo(200);
    }

    @Test
    void aCountBelowOneOrNotANumberIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> parse(ReplayBench.class, "--parallelism", "1,0"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--parallelism").hasMessageContaining("must be at least 1, got 0");
        assertThatThrownBy(() -> parse(LakeShapeBench.class, "--symbols", "many"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--symbols").hasMessageContaining("must be a whole number, got 'many'");
        assertThatThrownBy(() -> new PositiveCount().convert("-3")).isInstanceOf(TypeConversionException.class);
        assertThat(new PositiveCount().convert(" 7 ")).isEqualTo(7);
    }

    private static CommandLine parse(Class<?> harness, String... args) {
        CommandLine cli = new CommandLine(harness);
        cli.parseArgs(args);
        return cli;
    }

    private static Object value(CommandLine cli, String flag) {
        return cli.getCommandSpec().findOption(flag).getValue();
    }
}
