package io.pricefeed.dashboard;

import static io.pricefeed.dashboard.TestMarket.OPEN;
import static io.pricefeed.dashboard.TestMarket.MINUTE;
import static io.pricefeed.dashboard.TestMarket.SBIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The page in a real browser (Debian's headless Chromium through its chromedriver) against a
 * dashboard over DynamoDB Local with known bars and a small lake. Screenshots are saved to
 * {@code dashboard/target/dashboard-screenshots/}.
 */
@LocalAws
class DashboardPageITCase {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final int FINAL_BARS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private DynamoDbLocal dynamo;
    private String table;
    private DashboardServer server;
    private ChromeDriver browser;

    @BeforeEach
    void start(DynamoDbLocal dynamo) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with 'apt-get install -y chromium chromium-driver' (.ci/run does this as root)");
        }
        this.dynamo = dynamo;
        table = "bars-page-" + System.nanoTime();
        dynamo.createTable(PipelineResources.barsTable(table));
        TestMarket.putMinuteBars(dynamo.client(), table, FINAL_BARS);
        Path lake = tmp.resolve("lake");
        TestMarket.writeLake(lake);
        server = DashboardServer.start(DashboardServer.LOOPBACK, 0, dynamo.client(), table, lake);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + tmp.resolve("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private long dashboard(String call) {
        Object value = js("return window.pricefeedDashboard ? window.pricefeedDashboard." + call + " : -1;");
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
    }

    private int apiBarCount() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.url().resolve("/api/bars?tf=1m&symbol=" + URLEncoder.encode(SBIN, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("bars").size();
    }

    /** Pixels of the candles' own up and down colours on the chart's canvases: drawn candles, not just a background. */
    private long candlePixels() {
        Object n = js("let n = 0;"
                + "for (const c of document.querySelectorAll('#live-chart canvas')) {"
                + "  if (!c.width || !c.height) continue;"
                + "  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "  for (let i = 0; i < d.length; i += 4) {"
                + "    const up = d[i] === 38 && d[i + 1] === 166 && d[i + 2] === 154;"
                + "    const down = d[i] === 239 && d[i + 1] === 83 && d[i + 2] === 80;"
                + "    if ((up || down) && d[i + 3] === 255) n++;"
                + "  }"
                + "}"
                + "return n;");
        return ((Number) n).longValue();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Awaits a condition of the page; on a timeout, fails with what the page said (status line, console). */
    private void awaitPage(String what, int seconds, Callable<Boolean> condition) {
        try {
            await(what).atMost(Duration.ofSeconds(seconds)).until(condition);
        } catch (ConditionTimeoutException e) {
            fail(what + " did not happen within " + seconds + " s; the page's status line: '"
                    + browser.findElement(By.id("status")).getText() + "'; console: " + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString).collect(Collectors.toList());
    }

    @Test
    void drawsTheBarsWithMarkersFollowsNewBarsAndShowsTheDailyMetrics() throws Exception {
        browser.get(server.url() + "?symbol=" + URLEncoder.encode(SBIN, StandardCharsets.UTF_8) + "&tf=1m");
        awaitPage("the page's first load", 60, () -> dashboard("ready()") == 1);

        // As many candles (and volume bars) as the API has bars, really drawn.
        assertThat(apiBarCount()).isEqualTo(FINAL_BARS);
        assertThat(dashboard("candleCount()")).isEqualTo(FINAL_BARS);
        assertThat(dashboard("volumeCount()")).isEqualTo(FINAL_BARS);
        awaitPage("candles painted", 30, () -> candlePixels() > 500);
        // The lake's two anomalies of that day, on their bars (the 11 March one has no bar here).
        awaitPage("anomaly markers", 30, () -> dashboard("markerCount()") == 2);

        // Hovering the volume-surge bar shows its message.
        long time = (OPEN + 11 * MINUTE) / 1000 + 19_800;
        WebElement chart = browser.findElement(By.id("live-chart"));
        double x = ((Number) js("return window.pricefeedDashboard.timeToX(arguments[0]);", time)).doubleValue();
        double y = ((Number) js("return window.pricefeedDashboard.priceToY(arguments[0]);",
                TestMarket.minuteBar(11, true).getClose())).doubleValue();
        new Actions(browser).moveToElement(chart, (int) (x - chart.getSize().getWidth() / 2.0),
                (int) (y - chart.getSize().getHeight() / 2.0)).perform();
        WebElement tooltip = browser.findElement(By.id("tooltip"));
        awaitPage("the anomaly tooltip", 10, tooltip::isDisplayed);
        assertThat(tooltip.getText()).contains("MEDIUM VOLUME_SURGE at 09:27:00 IST", "SBIN volume 9.8x the 20-bar mean");
        screenshot("live-bars.png");

        // A forming bar written to DynamoDB appears within the polling; then it turns final and the next one forms.
        TestMarket.put(dynamo.client(), table, TestMarket.minuteBar(FINAL_BARS, false));
        awaitPage("the forming bar", 30, () -> dashboard("candleCount()") == FINAL_BARS + 1);
        TestMarket.put(dynamo.client(), table, TestMarket.minuteBar(FINAL_BARS, true));
        TestMarket.put(dynamo.client(), table, TestMarket.minuteBar(FINAL_BARS + 1, false));
        awaitPage("the next forming bar", 30, () -> dashboard("candleCount()") == FINAL_BARS + 2);
        assertThat(apiBarCount()).isEqualTo(FINAL_BARS + 2);
        screenshot("live-bars-updated.png");

        // The daily metrics view: three days of SBIN in the lake.
        browser.findElement(By.id("tab-daily")).click();
        awaitPage("the daily metrics", 30, () -> dashboard("dailyReady()") == 1);
        assertThat(dashboard("dailyPoints()")).isEqualTo(3);
        assertThat(browser.findElement(By.id("daily-note")).getText())
                .isEqualTo("3 trading days from 2026-03-09 to 2026-03-11 (the lake's 1d bars; a day appears once its session has closed).");
        screenshot("daily-metrics.png");

        assertThat(consoleErrors()).as("browser console warnings and errors").isEmpty();
    }
}
