package io.pricefeed.local.demo;

import io.pricefeed.dashboard.DashboardServer;
import io.pricefeed.standins.LocalAwsStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the demo prints when it ends: what happened, where it is, and what to try next. */
final class DemoSummary {
    private DemoSummary() {
    }

    /** The example {@code ./pricefeed query} commands, each runnable against the demo's lake. */
    static List<String> exampleQueries(DemoSettings settings) {
        String lake = lakeFlag(settings);
        List<String> queries = new ArrayList<>();
        queries.add("./pricefeed query" + lake + " \"SELECT timeframe, count(*) AS bars, count(DISTINCT symbol) AS symbols FROM bars GROUP BY 1 ORDER BY min(bar_start)\"");
        queries.add("./pricefeed query" + lake + " \"SELECT symbol, rule, severity, message FROM anomalies ORDER BY ts\"");
        queries.add("./pricefeed query" + lake + " \"SELECT symbol, open, close, round(100 * (close - open) / open, 2) AS change_pct FROM bars WHERE timeframe = '1d' ORDER BY change_pct DESC LIMIT 5\"");
        return queries;
    }

    static String exampleBars(DemoSettings settings) {
        String port = settings.dynamoPort() == LocalAwsStack.DEFAULT_DYNAMODB_PORT ? ""
                : " --endpoint http://127.0.0.1:" + settings.dynamoPort();
        return "./pricefeed bars " + settings.symbols().get(0) + " --tf 5m --last 10" + port;
    }

    /** {@code coverage}: {@link DemoCoverage#lines()}, printed right after the job's line. */
    static String render(DemoSettings settings, PipelineSnapshot last, long sessionEnd, Duration wall, boolean interrupted,
                         List<String> coverage) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nSession %s -> %s IST (%d symbols at %.0fx) %s in %s.%n",
                DemoClock.formatDay(settings.start().toEpochMilli()), DemoClock.format(sessionEnd),
                settings.symbols().size(), settings.speed(), interrupted ? "stopped early (Ctrl-C)" : "simulated",
                human(wall)));
        s.append(String.format(Locale.ROOT, "  producer  %,d quote calls, %,d ticks published, %,d rate-limit answers%s%n",
                last.quoteCalls(), last.ticksPublished(), last.rateLimited(),
                last.faultsInjected() > 0 ? String.format(Locale.ROOT, ", %,d injected faults survived", last.faultsInjected()) : ""));
        s.append(String.format(Locale.ROOT, "  job       %,d ticks read, %,d rejected, %,d final 1m bars (and their 5m/15m/1h/1d rollups), %,d anomalies%n",
                last.ticks(), last.rejects(), last.finalMinuteBars(), last.anomalies()));
        coverage.forEach(line -> s.append(line).append(System.lineSeparator()));
        s.append(String.format(Locale.ROOT, "  alerts    %,d email%s, saved in %s%n", last.emails(), last.emails() == 1 ? "" : "s", display(settings.mailDir())));
        s.append(String.format(Locale.ROOT, "  lake      %s (bars/, ticks/, anomalies/, rejects/); logs in %s%n",
                display(settings.lakeDir()), display(settings.logDir())));
        s.append(String.format(Locale.ROOT, "  dashboard %s%s%n", dashboardUrl(settings),
                settings.keepRunning() ? " (up until Ctrl-C)" : " (stops with the demo; --keep-running keeps it up)"));
        s.append(String.format("%nTry:%n"));
        for (String q : exampleQueries(settings)) {
            s.append("  ").append(q).append(System.lineSeparator());
        }
        s.append("  ").append(exampleBars(settings));
        s.append(settings.keepRunning() ? "" : "    (with demo --keep-running: DynamoDB Local keeps its data only while it runs)");
        s.append(System.lineSeparator());
        return s.toString();
    }

    static String dashboardUrl(DemoSettings settings) {
        return "http://" + DashboardServer.LOOPBACK + ":" + settings.dashboardPort() + "/";
    }

    private static String lakeFlag(DemoSettings settings) {
        return settings.lakeDir().normalize().equals(Path.of("data", "lake")) ? "" : " --lake " + display(settings.lakeDir());
    }

    private static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }
}
