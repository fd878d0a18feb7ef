package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** The context keys, cdk.json, and the market-hours arithmetic the schedules share. */
class AppContextTest {

    @Test
    void cdkJsonSetsOnlyKeysTheAppReadsAndValidValues() {
        Map<String, Object> context = PricefeedTestApp.cdkJsonContext();
        Set<String> appKeys = Set.of(AppContext.TICKS_SHARDS, AppContext.FLINK_PARALLELISM,
                AppContext.NOTIFICATION_EMAIL, AppContext.OPERATIONS_EMAIL, AppContext.PRODUCER_CONFIG);
        // Anything else must be a CDK feature flag; a misspelt app key would otherwise be ignored.
        assertThat(context.keySet()).allMatch(key -> appKeys.contains(key) || key.startsWith("@aws-cdk/"),
                "is an AppContext key or a CDK feature flag");
        AppContext fromCdkJson = AppContext.of(new App(AppProps.builder().context(context).build()));
        assertThat(fromCdkJson.ticksShards()).isEqualTo(AppContext.DEFAULT_TICKS_SHARDS);
        assertThat(fromCdkJson.flinkParallelism()).isEqualTo(AppContext.DEFAULT_FLINK_PARALLELISM);
        // No address is committed: it is given at deploy time.
        assertThat(fromCdkJson.notificationEmail()).isEmpty();
    }

    @Test
    void operationsMailFallsBackToTheNotificationAddress() {
        assertThat(context(Map.of(AppContext.NOTIFICATION_EMAIL, "a@example.com")).operationsEmail()).contains("a@example.com");
        assertThat(context(Map.of(AppContext.NOTIFICATION_EMAIL, "a@example.com", AppContext.OPERATIONS_EMAIL, "ops@example.com"))
                .operationsEmail()).contains("ops@example.com");
        assertThat(context(Map.of()).operationsEmail()).isEmpty();
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> context(Map.of(AppContext.NOTIFICATION_EMAIL, "me")).notificationEmail())
                .hasMessageContaining(AppContext.NOTIFICATION_EMAIL);
        assertThatThrownBy(() -> context(Map.of(AppContext.FLINK_PARALLELISM, "0")).flinkParallelism())
                .hasMessageContaining(AppContext.FLINK_PARALLELISM);
        assertThat(context(Map.of(AppContext.FLINK_PARALLELISM, "4")).flinkParallelism()).isEqualTo(4);
    }

    @Test
    void producerConfigComesAsCliStringOrCdkJsonObject() {
        assertThat(context(Map.of(AppContext.PRODUCER_CONFIG, "{\"fyers\":{\"clientId\":\"X-100\"}}")).producerConfig())
                .isEqualTo(Map.of("fyers", Map.of("clientId", "X-100")));
        assertThat(context(Map.of(AppContext.PRODUCER_CONFIG, Map.of("symbols", java.util.List.of("NSE:SBIN-EQ"))))
                .producerConfig()).isEqualTo(Map.of("symbols", java.util.List.of("NSE:SBIN-EQ")));
        assertThat(context(Map.of()).producerConfig()).isEmpty();
        assertThatThrownBy(() -> context(Map.of(AppContext.PRODUCER_CONFIG, "{oops")).producerConfig())
                .hasMessageContaining(AppContext.PRODUCER_CONFIG);
    }

    @Test
    void schedulesUseWeekdayCronInIstAndTheirOrderHolds() {
        assertThat(MarketHours.weekdayCron(LocalTime.of(8, 55))).isEqualTo("cron(55 8 ? * MON-FRI *)");
        assertThat(MarketHours.TIME_ZONE).isEqualTo("Asia/Kolkata");
        // The job is up before the producer, both before the open; both stop after the producer's
        // last heartbeat (close + 5 min).
        assertThat(MarketHours.JOB_START).isBefore(MarketHours.PRODUCER_START);
        assertThat(MarketHours.PRODUCER_START).isBefore(MarketHours.SESSION_OPEN);
        assertThat(MarketHours.PRODUCER_STOP).isAfter(MarketHours.SESSION_CLOSE.plusMinutes(5));
        assertThat(MarketHours.JOB_STOP).isAfterOrEqualTo(MarketHours.PRODUCER_STOP);
    }

    private static AppContext context(Map<String, Object> context) {
        return AppContext.of(new App(AppProps.builder().context(context).build()));
    }
}
