package io.pricefeed.local;

import io.pricefeed.barstable.BarsTableReader;
import io.pricefeed.local.options.DynamoDbOptions;
import io.pricefeed.local.options.DynamoDbTarget;
import io.pricefeed.model.Bar;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Timeframe;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code ./pricefeed bars}: the latest bars of a symbol from DynamoDB, read by {@link BarsTableReader}. */
@Command(name = "bars", mixinStandardHelpOptions = true,
        description = {"Show a symbol's latest bars from the DynamoDB table 'bars', newest last, in IST.",
                "The bar still forming comes last, marked *, when it is newer than the newest final one.",
                "Where it reads:",
                "  no --endpoint or --region  the local stack's DynamoDB Local at",
                "                             http://127.0.0.1:8000 (from stand-ins or demo)",
                "  --region R alone           AWS in R, with the default credentials chain",
                "  --endpoint URL             that URL (loopback: the stand-ins' credentials)",
                "Exit code: 0 with bars, 1 when there are none or on an error, 2 on bad flags.",
                "Examples:",
                "  ./pricefeed bars NSE:SBIN-EQ",
                "  ./pricefeed bars NSE:SBIN-EQ --tf 5m --last 20",
                "  ./pricefeed bars NSE:INFY-EQ --tf 1d --json --region ap-south-1"})
final class BarsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = "exactly as stored, e.g. NSE:SBIN-EQ")
    private String symbol;

    @Option(names = "--tf", paramLabel = "TF", converter = TimeframeConverter.class,
            description = "timeframe: 1m, 5m, 15m, 1h or 1d (default ${DEFAULT-VALUE})")
    private Timeframe timeframe = Timeframe.M1;

    @Option(names = "--last", paramLabel = "N", description = "how many final bars (default ${DEFAULT-VALUE})")
    private int last = 20;

    @Option(names = "--live", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also show the forming bar when newer than the final ones (default; --no-live: final bars only)")
    private boolean live;

    @Option(names = "--json", description = "print a JSON array (epoch ms, IST strings, a 'final' flag) for scripts")
    private boolean json;

    @CommandLine.Mixin
    private DynamoDbOptions dynamoDb = new DynamoDbOptions();

    @Option(names = "--table", paramLabel = "TABLE", description = "the bars table (default ${DEFAULT-VALUE})")
    private String table = ResourceNames.BARS_TABLE;

    @Override
    public Integer call() {
        if (last < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--last must be at least 1, got " + last);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DynamoDbTarget target = dynamoDb.target();
        List<Bar> bars;
        try (DynamoDbClient dynamo = target.client()) {
            bars = new BarsTableReader(dynamo, table).latest(symbol, timeframe, last, live);
        } catch (SdkException e) {
            throw target.explain(e, table);
        }
        if (json) {
            out.print(BarsOutput.json(bars));
            out.flush();
        }
        if (bars.isEmpty()) {
            err.println("pricefeed: no " + timeframe.label() + " bars for " + symbol + " in table '" + table + "' ("
                    + target.describe() + ")" + suggestion());
            err.flush();
            return 1;
        }
        if (!json) {
            out.printf("%s %s bars, newest last (%s, table '%s')%n", symbol, timeframe.label(), target.describe(), table);
            out.print(BarsOutput.table(bars));
            out.flush();
        }
        return 0;
    }

    /** Symbols are stored as Fyers writes them; a bare ticker is the usual slip. */
    private String suggestion() {
        if (symbol.contains(":")) {
            return "";
        }
        String ticker = symbol.toUpperCase(Locale.ROOT);
        return "; symbols are stored as Fyers names them: did you mean NSE:" + ticker + (ticker.contains("-") ? "" : "-EQ") + "?";
    }

    /** {@code --tf} through the model's own parser, so its message lists the valid labels. */
    static final class TimeframeConverter implements CommandLine.ITypeConverter<Timeframe> {
        @Override
        public Timeframe convert(String value) {
            try {
                return Timeframe.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
