package io.pricefeed.local;

import io.pricefeed.local.options.ProducerConfigOption;
import io.pricefeed.producer.ProducerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./pricefeed produce}: the real Fyers poller publishing ticks to Kinesis, until Ctrl-C. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Poll the Fyers quotes API during market hours (idle outside them) and publish ticks and "
                + "heartbeats to the Kinesis stream of the config, until Ctrl-C, which flushes what is buffered. "
                + "Log in first with ./pricefeed login. Status every minute in data/logs/."})
final class ProduceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private ProducerConfigOption config;

    @Override
    public Integer call() throws Exception {
        return ProducerMain.produce(config.load(spec), System.getenv());
    }
}
