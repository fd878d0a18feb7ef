package io.pricefeed.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProducerConfigTest {
    private static final String MINIMAL = "{\"fyers\":{\"clientId\":\"XC4XXXXM-100\"}}";

    @Test
    void onlyTheClientIdIsRequiredAndEverythingElseHasItsDefault() {
        ProducerConfig c = ProducerConfig.parse(MINIMAL);
        assertThat(c.producerId()).isEqualTo("producer-1");
        assertThat(c.fyers().clientId()).isEqualTo("XC4XXXXM-100");
        assertThat(c.fyers().dataBaseUrl()).hasToString("https://api-t1.fyers.in/data");
        assertThat(c.fyers().apiBaseUrl()).hasToString("https://api-t1.fyers.in/api/v3");
        assertThat(c.tokenStore().type()).isEqualTo(ProducerConfig.TokenStoreSettings.Type.FILE);
        assertThat(c.tokenStore().file()).isEqualTo(Path.of(System.getProperty("user.home"), ".pricefeed/fyers-tokens.json"));
        assertThat(c.symbols()).hasSize(50).contains("NSE:SBIN-EQ", "NSE:M&M-EQ", "NSE:BAJAJ-AUTO-EQ");
        assertThat(c.kinesis().stream()).isEqualTo("ticks");
        assertThat(c.kinesis().endpoint()).isNull();
        assertThat(c.kinesis().heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.limits()).isEqualTo(new ProducerConfig.Limits(10, 200, 100_000, 0.03, Duration.ofSeconds(65)));
        assertThat(c.polling().batchSize()).isEqualTo(50);
        assertThat(c.schedule().heartbeatAfterClose()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.toJson()).contains("\"clientId\" : \"XC4XXXXM-100\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"fyers\":{\"clientId\":\"X-100\",\"clientSecret\":\"s\"}}               | unknown configuration key 'fyers.clientSecret'",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"kinesis\":{\"strem\":\"t\"}}          | unknown configuration key 'kinesis.strem'",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"colour\":\"red\"}                     | unknown configuration key 'colour'",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"limits\":{\"perMinute\":\"200\"}}     | 'limits.perMinute' must be an integer",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"limits\":{\"perMinute\":0}}           | 'limits.perMinute' must be in 1..100000",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"limits\":{\"safetyMargin\":0.7}}      | 'limits.safetyMargin' must be in [0.0, 0.5)",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"limits\":{\"rateLimitBackoff\":\"30s\"}} | 'limits.rateLimitBackoff' must be between PT1M",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"polling\":{\"batchSize\":51}}         | 'polling.batchSize' must be in 1..50",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"polling\":{\"minBatchInterval\":\"soon\"}} | 'polling.minBatchInterval' must be a duration",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"kinesis\":\"ticks\"}                  | 'kinesis' must be an object",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"kinesis\":{\"endpoint\":\"localhost:4567\"}} | 'kinesis.endpoint' must be an http(s) URL",
        "{\"fyers\":{\"clientId\":\"\"}}                                            | 'fyers.clientId' is required",
        "{}                                                                         | 'fyers.clientId' is required",
        "{\"fyers\":{\"clientId\":\"X:100\"}}                                       | 'fyers.clientId' must not contain ':'",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"tokenStore\":{\"type\":\"vault\"}}    | 'tokenStore.type' must be \"file\" or \"secretsManager\"",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"tokenStore\":{\"type\":\"secretsManager\"}} | 'tokenStore.secretId' is required",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"symbols\":[\"SBIN\"]}                 | is not a Fyers symbol such as NSE:SBIN-EQ: \"SBIN\"",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"symbols\":[\"NSE:A-EQ\",\"NSE:A-EQ\"]} | lists NSE:A-EQ twice",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"symbols\":[1]}                        | 'symbols[0]' must be a string",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"symbols\":[\"NSE:A-EQ\"],\"symbolsFile\":\"s.txt\"} | 'symbols' and 'symbolsFile' exclude each other",
        "{\"fyers\":{\"clientId\":\"X-100\"},\"producerId\":\"a b\"}                 | 'producerId' must be 1-64 letters",
        "[1,2]                                                                      | must be a JSON object",
        "{\"fyers\":{\"clientId\":\"X-100\",}                                      | not valid JSON",
    })
    void aBadKeyIsAStartupErrorThatNamesIt(String json, String message) {
        assertThatThrownBy(() -> ProducerConfig.parse(json)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void durationsAreIsoOrShortForms() {
        ProducerConfig c = ProducerConfig.parse("{\"fyers\":{\"clientId\":\"X-100\",\"requestTimeout\":\"2500ms\"},"
                + "\"polling\":{\"marketStatusInterval\":\"2m\",\"retryBaseDelay\":\"PT0.5S\"}}");
        assertThat(c.fyers().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.polling().marketStatusInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.polling().retryBaseDelay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aSymbolsFileIsReadRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("symbols.txt"), "# mine\nNSE:SBIN-EQ\n\nNSE:TCS-EQ\n");
        Path config = dir.resolve("producer.json");
        Files.writeString(config, "{\"fyers\":{\"clientId\":\"X-100\"},\"symbolsFile\":\"symbols.txt\",\"tokenStore\":{\"file\":\"t/tokens.json\"}}");

        ProducerConfig c = ProducerConfig.load(config);

        assertThat(c.symbols()).containsExactly("NSE:SBIN-EQ", "NSE:TCS-EQ");
        assertThat(c.tokenStore().file()).isEqualTo(dir.resolve("t/tokens.json"));
    }

    @Test
    void errorsFromAFileNameTheFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("producer.json");
        Files.writeString(config, "{\"fyers\":{\"clientId\":\"X-100\"},\"kinesis\":{\"shards\":4}}");
        assertThatThrownBy(() -> ProducerConfig.load(config)).hasMessageStartingWith(config.toString())
                .hasMessageContaining("'kinesis.shards'");
        assertThatThrownBy(() -> ProducerConfig.load(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
    }

    @Test
    void theContainerReadsTheWholeConfigurationFromTheEnvironment() {
        String json = "{\"fyers\":{\"clientId\":\"X-100\"},\"kinesis\":{\"stream\":\"ticks\",\"region\":\"ap-south-1\"},"
                + "\"tokenStore\":{\"type\":\"secretsManager\",\"secretId\":\"pricefeed/fyers\"}}";
        ProducerConfig c = ProducerConfig.fromEnvironment(Map.of(ProducerConfig.CONFIG_JSON_ENV, json));
        assertThat(c.tokenStore().type()).isEqualTo(ProducerConfig.TokenStoreSettings.Type.SECRETS_MANAGER);
        assertThat(c.tokenStore().secretId()).isEqualTo("pricefeed/fyers");
        assertThat(c.kinesis().region()).isEqualTo("ap-south-1");
        assertThatThrownBy(() -> ProducerConfig.fromEnvironment(Map.of())).hasMessageContaining(ProducerConfig.CONFIG_JSON_ENV);
        assertThatThrownBy(() -> ProducerConfig.fromEnvironment(Map.of(ProducerConfig.CONFIG_JSON_ENV, "{\"x\":1}")))
                .hasMessageStartingWith(ProducerConfig.CONFIG_JSON_ENV + ": unknown configuration key 'x'");
    }

    @Test
    void withChangesSomeKeysAndChecksThemToo() {
        ProducerConfig c = ProducerConfig.parse(MINIMAL).with("{\"kinesis\":{\"endpoint\":\"http://127.0.0.1:4567\"}}");
        assertThat(c.kinesis().endpoint()).hasToString("http://127.0.0.1:4567");
        assertThat(c.fyers().clientId()).isEqualTo("XC4XXXXM-100");
        assertThatThrownBy(() -> c.with("{\"kinesis\":{\"endpont\":\"x\"}}")).hasMessageContaining("'kinesis.endpont'");
    }
}
