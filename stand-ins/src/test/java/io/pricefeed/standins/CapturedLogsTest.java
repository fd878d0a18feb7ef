package io.pricefeed.standins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

class CapturedLogsTest {
    private static final Logger LOG = LogManager.getLogger("io.pricefeed.standins.CapturedLogsTest");

    @Test
    void findsASecretStandingAsAWordButNotInsideALongerNumberOrWord() {
        try (CapturedLogs logs = new CapturedLogs()) {
            LOG.info("tokens saved to /tmp/junit-14765053280961234241/tokens.json");
            LOG.info("the refresh used pin=1234");
            LOG.debug("Authorization: X-100:eyJhbGciOi.abc-DEF_9");
            LOG.info("nothing here: eyJhbGciOi.abc-DEF_9x");

            assertThat(logs.linesContainingAny(List.of("1234"))).singleElement().asString().contains("pin=1234");
            assertThat(logs.linesContainingAny(List.of("eyJhbGciOi.abc-DEF_9", " "))).singleElement().asString()
                    .contains("Authorization");
            assertThat(logs.linesContainingAny(List.of("5678", ""))).isEmpty();
        }
    }
}
