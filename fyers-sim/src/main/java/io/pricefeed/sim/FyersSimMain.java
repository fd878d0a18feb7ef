package io.pricefeed.sim;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs fyers-sim on its own for manual use: prints its base URL and serves until Ctrl-C.
 * See {@link #USAGE}; the credentials are {@link SimCredentials#DEFAULT} (producer README).
 */
public final class FyersSimMain {
    public static final int DEFAULT_PORT = 18090;

    static final String USAGE = String.join("\n",
            "usage: fyers-sim [--port N] [--speed X] [--start yyyy-MM-ddTHH:mm[:ss]] [--seed N]",
            "                 [--synthetic N] [--refresh enabled|disabled] [--no-rate-limits]",
            "  --port N          port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 = any free port)",
            "  --speed X         simulated seconds per real second (default " + FyersSim.DEFAULT_SPEED + ")",
            "  --start T         simulated start, IST wall time (default 2026-03-10T09:14)",
            "  --seed N          market, fault and token seed (default " + FyersSim.DEFAULT_SEED + ")",
            "  --synthetic N     add N synthetic symbols NSE:SYM0001-EQ... to the NIFTY 50",
            "  --refresh MODE    validate-refresh-token enabled or disabled (default disabled)",
            "  --no-rate-limits  switch off the 10/s and 200/min limits");

    private FyersSimMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String a : args) {
            if ("--help".equals(a) || "-h".equals(a)) {
                System.out.println(USAGE);
                return;
            }
        }
        FyersSim.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fyers-sim: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        FyersSim sim = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "fyers-sim-shutdown"));
        System.out.println("fyers-sim listening at " + sim.baseUrl());
        System.out.println("  clock:     " + sim.clock());
        System.out.println("  symbols:   " + sim.market().universe().size() + ", seed " + sim.market().seed());
        System.out.println("  client id: " + sim.credentials().clientId() + " (app secret, auth code and PIN: see the producer README)");
        System.out.println("Ctrl-C to stop.");
        stopped.await();
    }

    /**
     * The sim settings of a command line.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    static FyersSim.Builder parse(String[] args) {
        FyersSim.Builder b = FyersSim.builder().port(DEFAULT_PORT);
        double speed = FyersSim.DEFAULT_SPEED;
        Instant start = FyersSim.DEFAULT_START;
        SymbolUniverse symbols = SymbolUniverse.nifty50();
        long seed = FyersSim.DEFAULT_SEED;
        int synthetic = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ("--no-rate-limits".equals(option)) {
                b.rateLimits(RateLimits.NONE);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--port":
                        b.port(Integer.parseInt(value));
                        break;
                    case "--speed":
                        speed = Double.parseDouble(value);
                        break;
                    case "--start":
                        start = SimClock.ist(value);
                        break;
                    case "--seed":
                        seed = Long.parseLong(value);
                        break;
                    case "--synthetic":
                        synthetic = Integer.parseInt(value);
                        break;
                    case "--refresh":
                        b.refreshMode(RefreshMode.valueOf(value.toUpperCase(java.util.Locale.ROOT)));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": cannot read '" + value + "'", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
        }
        if (synthetic > 0) {
            symbols = symbols.plus(SymbolUniverse.synthetic(synthetic, seed));
        }
        return b.seed(seed).symbols(symbols).clock(SimClock.accelerated(start, speed));
    }
}
