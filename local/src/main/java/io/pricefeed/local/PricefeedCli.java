package io.pricefeed.local;

import io.pricefeed.local.backfill.BackfillCommand;
import io.pricefeed.local.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./pricefeed}: the composition root of the local tools. Each subcommand parses its flags
 * and calls the module that owns the capability; no domain logic lives here.
 */
@Command(name = "pricefeed",
        mixinStandardHelpOptions = true,
        version = "pricefeed 0.1.0",
        description = "Live NSE quotes to OHLCV bars: the local pipeline and its tools.",
        subcommands = {DemoCommand.class, StandInsCommand.class, QueryCommand.class, BarsCommand.class, DashboardCommand.class,
                ReplayCommand.class, BackfillCommand.class,
                LoginCommand.class, ProduceCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "The design: shared/DESIGN.md. Logs: data/logs/."})
public final class PricefeedCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PricefeedCli());
        // A failure the user can act on is one line, not a stack trace (the log has the rest).
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("pricefeed: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
