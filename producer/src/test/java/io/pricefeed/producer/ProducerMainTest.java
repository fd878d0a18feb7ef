package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container entry point's command line (the long-running {@code produce} is covered by the ITCases). */
class ProducerMainTest {
    @TempDir
    Path dir;

    @Test
    void usageAndConfigurationErrorsExitWithTwo() throws Exception {
        assertThat(ProducerMain.run(new String[0], Map.of())).isEqualTo(2);
        assertThat(ProducerMain.run(new String[] {"--help"}, Map.of())).isZero();
        assertThat(ProducerMain.run(new String[] {"produce"}, Map.of())).as("no --config and no env").isEqualTo(2);
        assertThat(ProducerMain.run(new String[] {"produce", "--config"}, Map.of())).isEqualTo(2);
        assertThat(ProducerMain.run(new String[] {"produce", "--config", dir.resolve("none.json").toString()}, Map.of())).isEqualTo(2);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"fyers\":{\"clientId\":\"X-100\"},\"kinesis\":{\"stream\":1}}");
        assertThat(ProducerMain.run(new String[] {"produce", "--config", bad.toString()}, Map.of())).isEqualTo(2);
        assertThat(ProducerMain.run(new String[] {"dance", "--config", bad.toString()}, Map.of())).isEqualTo(2);
        assertThat(ProducerMain.run(new String[] {"produce"}, Map.of(ProducerConfig.CONFIG_JSON_ENV, "{\"fyers\":{}}"))).isEqualTo(2);
    }

    @Test
    void loginWithAnAuthCodeSavesTheTokens() throws Exception {
        try (FyersSim sim = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T08:45"))).build().start()) {
            Path tokens = dir.resolve("tokens.json");
            Path config = dir.resolve("producer.json");
            Files.writeString(config, TestConfigs.forSim(sim, null, "ticks", List.of("NSE:SBIN-EQ"), tokens).toString());
            Map<String, String> env = Map.of(AppCredentials.APP_SECRET_ENV, sim.credentials().appSecret());

            int exit = ProducerMain.run(new String[] {"login", "--config", config.toString(), "--auth-code", "sim-auth-code"}, env);

            assertThat(exit).isZero();
            assertThat(new FileTokenStore(tokens).load()).get().satisfies(t ->
                    assertThat(t.accessExpiresAt()).isEqualTo(SimClock.ist("2026-03-11T06:00")));
            assertThat(ProducerMain.run(new String[] {"login", "--config", config.toString(), "--auth-code", "wrong"}, env))
                    .as("a refused code").isEqualTo(1);
        }
    }
}
