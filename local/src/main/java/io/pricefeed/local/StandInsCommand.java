package io.pricefeed.local;

import io.pricefeed.standins.LocalAwsStack;
import io.pricefeed.standins.PipelineResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pricefeed stand-ins}: the local AWS stand-ins with the pipeline's streams and tables. */
@Command(name = "stand-ins", mixinStandardHelpOptions = true,
        description = {"Start kinesalite and DynamoDB Local with the streams 'ticks' and 'anomalies' and the "
                + "tables 'bars' and 'alert-dedup', print their endpoints and run until Ctrl-C."})
final class StandInsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--kinesis-port", description = "kinesalite port (default ${DEFAULT-VALUE}; 0 = any free)")
    private int kinesisPort = LocalAwsStack.DEFAULT_KINESIS_PORT;

    @Option(names = "--dynamodb-port", description = "DynamoDB Local port (default ${DEFAULT-VALUE}; 0 = any free)")
    private int dynamoPort = LocalAwsStack.DEFAULT_DYNAMODB_PORT;

    @Option(names = "--ticks-shards", description = "shards of the 'ticks' stream (default ${DEFAULT-VALUE})")
    private int tickShards = 2;

    @Option(names = "--data-dir", description = "where logs go (default ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data");

    @Option(names = "--check", description = "start, verify, stop and exit: a quick health check of this machine")
    private boolean check;

    @Override
    public Integer call() throws InterruptedException {
        if (tickShards < 1) {
            throw new IllegalArgumentException("--ticks-shards must be at least 1, got " + tickShards);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting the local AWS stand-ins...");
        out.flush();
        LocalAwsStack stack = LocalAwsStack.start(kinesisPort, dynamoPort, tickShards, dataDir.resolve("logs"));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stand-ins-stop");
        try {
            out.printf("Kinesis  %s  streams: %s (%d shards), %s%n", stack.kinesis().endpoint(),
                    PipelineResources.TICKS_STREAM, tickShards, PipelineResources.ANOMALIES_STREAM);
            out.printf("DynamoDB %s  tables: %s, %s%n", stack.dynamo().endpoint(),
                    PipelineResources.BARS_TABLE, PipelineResources.ALERT_DEDUP_TABLE);
            out.printf("AWS settings for clients: region us-east-1, any static credentials, CBOR off%n");
            if (check) {
                out.println("OK: both stand-ins answered; stopping.");
                return 0;
            }
            out.println("Running; Ctrl-C stops both.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            stopped.await();
            return 0;
        } finally {
            if (check) {
                stack.close();
            }
        }
    }
}
