package io.pricefeed.producer;

import io.pricefeed.producer.auth.FyersLogin;
import io.pricefeed.producer.auth.FyersTokens;
import io.pricefeed.producer.auth.LoginFailedException;
import io.pricefeed.producer.auth.TokenStoreException;
import io.pricefeed.producer.config.ConfigException;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.kinesis.FatalKinesisError;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's entry point (the shaded {@code pricefeed-producer-*-all.jar}):
 *
 * <pre>
 * produce [--config &lt;file&gt;]                  run until SIGTERM; without --config the whole JSON is read
 *                                              from PRICEFEED_PRODUCER_CONFIG_JSON (how the ECS task is set up)
 * login   [--config &lt;file&gt;] [--auth-code C]   log in to Fyers and save the tokens (prints the login URL)
 * </pre>
 *
 * The interactive CLI ({@code ./pricefeed login|produce}, module {@code local}) calls the same
 * {@link Producer} and {@link FyersLogin} APIs. Exit codes: 0 done, 1 failure, 2 usage or configuration error.
 */
public final class ProducerMain {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerMain.class);
    static final String USAGE = String.join("\n",
            "usage: produce [--config <file>]",
            "       login   [--config <file>] [--auth-code <code>]",
            "  --config FILE     producer configuration JSON (default: env " + ProducerConfig.CONFIG_JSON_ENV + ")",
            "  --auth-code CODE  finish a login with a code copied from the redirect URL (no local callback)",
            "Secrets: FYERS_APP_SECRET and FYERS_PIN in the environment, or in the Secrets Manager secret.");
    private static final long STATUS_EVERY_SECONDS = 60;

    private ProducerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0])) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Path configFile = null;
        String authCode = null;
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                return usage("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--config": configFile = Path.of(args[++i]); break;
                case "--auth-code": authCode = args[++i]; break;
                default: return usage("unknown option " + args[i]);
            }
        }
        ProducerConfig config;
        try {
            config = configFile != null ? ProducerConfig.load(configFile) : ProducerConfig.fromEnvironment(env);
        } catch (ConfigException e) {
            System.err.println("pricefeed producer: " + e.getMessage());
            return 2;
        }
        try {
            switch (command) {
                case "produce": return produce(config, env);
                case "login": return login(config, env, authCode);
                default: return usage("unknown command " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ConfigException | LoginFailedException | TokenStoreException e) {
            System.err.println("pricefeed producer: " + e.getMessage());
            return e instanceof ConfigException ? 2 : 1;
        }
    }

    /**
     * Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), logging the status every minute;
     * flushes on the way out. Returns 1, with one line on stderr, when Kinesis fails in a way no
     * retry cures (a missing stream, refused credentials): at startup or later.
     */
    public static int produce(ProducerConfig config, Map<String, String> env) throws InterruptedException {
        Producer producer = Producer.builder(config).environment(env).build();
        try {
            producer.start();
        } catch (FatalKinesisError e) {
            producer.close();
            return failed(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("shutdown requested: flushing to Kinesis");
            producer.close(); // ECS sends SIGTERM and waits (stopTimeout) before SIGKILL
            stopped.countDown();
        }, "pricefeed-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (long second = 1; !stopped.await(1, TimeUnit.SECONDS); second++) {
            Optional<FatalKinesisError> failure = producer.failure();
            if (failure.isPresent()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                producer.close();
                return failed(failure.get());
            }
            if (second % STATUS_EVERY_SECONDS == 0) {
                LOG.info("status: {}", producer.status().summary());
            }
        }
        return 0;
    }

    private static int failed(FatalKinesisError e) {
        System.err.println("pricefeed producer: " + e.getMessage());
        return 1;
    }

    /** Logs in (interactively, or with a pasted {@code authCode}) and saves the tokens to the configured store. */
    public static int login(ProducerConfig config, Map<String, String> env, String authCode) throws InterruptedException {
        FyersLogin login = FyersLogin.fromConfig(config, env);
        FyersTokens tokens;
        if (authCode != null) {
            tokens = login.exchange(authCode);
        } else {
            tokens = login.loginInteractive(url -> System.out.println("Open this URL to log in to Fyers:\n  " + url));
        }
        System.out.println("Logged in; tokens saved to " + login.store().describe() + " (access token valid until "
                + tokens.accessExpiresAt() + ")");
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("pricefeed producer: " + problem);
        System.err.println(USAGE);
        return 2;
    }
}
