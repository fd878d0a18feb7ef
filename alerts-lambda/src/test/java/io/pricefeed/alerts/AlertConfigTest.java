package io.pricefeed.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertConfigTest {
    @Test
    void snsNeedsATopicAndNamesTheVariable() {
        assertThatThrownBy(() -> AlertConfig.from(Map.of()))
                .hasMessage("environment variable ALERTS_SNS_TOPIC_ARN is required (the SNS topic that mails the alerts)");
    }

    @Test
    void defaultsApplyWhereNothingIsSet() {
        AlertConfig c = AlertConfig.from(Map.of("ALERTS_SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t"));
        assertThat(c.notifier()).isEqualTo(AlertConfig.NotifierKind.SNS);
        assertThat(c.dedupTable()).isEqualTo("alert-dedup");
        assertThat(c.dedupTtlDays()).isEqualTo(7);
        assertThat(c.digestThreshold()).isEqualTo(5);
        assertThat(c.snsEndpoint()).isEmpty();
    }

    @Test
    void smtpNeedsARecipient() {
        assertThatThrownBy(() -> AlertConfig.from(Map.of("ALERTS_NOTIFIER", "smtp")))
                .hasMessageContaining("ALERTS_SMTP_TO is required");
        AlertConfig c = AlertConfig.from(Map.of("ALERTS_NOTIFIER", "SMTP", "ALERTS_SMTP_TO", "me@localhost",
                "ALERTS_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));
        assertThat(c.smtpPort()).isEqualTo(3025);
        assertThat(c.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
    }

    @Test
    void malformedValuesNameTheVariable() {
        assertThatThrownBy(() -> AlertConfig.from(Map.of("ALERTS_SNS_TOPIC_ARN", "t", "ALERTS_DIGEST_THRESHOLD", "five")))
                .hasMessage("environment variable ALERTS_DIGEST_THRESHOLD must be a whole number > 0, got 'five'");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("ALERTS_NOTIFIER", "pigeon")))
                .hasMessageContaining("ALERTS_NOTIFIER must be sns or smtp");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("ALERTS_SNS_TOPIC_ARN", "t", "ALERTS_SNS_ENDPOINT", "localhost")))
                .hasMessageContaining("ALERTS_SNS_ENDPOINT must be a URL");
    }

    @Test
    void snsSubjectsAreCutToWhatSnsAccepts() {
        assertThat(SnsNotifier.subject("x".repeat(150))).hasSize(100).endsWith("...");
        assertThat(SnsNotifier.subject("a\nb\u20ac")).isEqualTo("a?b?");
    }
}
