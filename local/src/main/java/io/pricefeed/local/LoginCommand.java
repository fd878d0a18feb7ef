package io.pricefeed.local;

import io.pricefeed.local.options.ProducerConfigOption;
import io.pricefeed.producer.ProducerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pricefeed login}: Fyers OAuth with a localhost callback; tokens to the configured store. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to Fyers: prints the login URL, waits for the redirect on the config's redirectUri "
                + "(or takes --auth-code), and saves the tokens to the configured store (a 0600 file, or AWS "
                + "Secrets Manager). FYERS_APP_SECRET and FYERS_PIN come from the environment; nothing secret is "
                + "printed or logged."})
final class LoginCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private ProducerConfigOption config;
    @Option(names = "--auth-code", paramLabel = "CODE",
            description = "finish a login with the auth_code copied from the redirect URL (no local callback)")
    private String authCode;

    @Override
    public Integer call() throws Exception {
        return ProducerMain.login(config.load(spec), System.getenv(), authCode);
    }
}
