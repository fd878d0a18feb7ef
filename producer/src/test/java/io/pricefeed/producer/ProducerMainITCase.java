package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code produce} against kinesalite when the configured stream is not there. */
@LocalAws
class ProducerMainITCase {
    @TempDir
    Path dir;

    @Test
    void aMissingStreamEndsProduceWithExitCodeOneAndOneLineNamingTheStream(Kinesalite kinesis) throws Exception {
        try (FyersSim sim = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T10:00"))).build().start()) {
            Path config = dir.resolve("producer.json");
            Files.writeString(config, TestConfigs.forSim(sim, kinesis, "main-no-such-stream", List.of("NSE:SBIN-EQ"),
                    dir.resolve("tokens.json")).toString());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            int exit;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit = ProducerMain.run(new String[] {"produce", "--config", config.toString()}, Map.of());
            } finally {
                System.setErr(original);
            }

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .startsWith("pricefeed producer: Kinesis stream 'main-no-such-stream' does not exist (ResourceNotFoundException)");
        }
    }
}
