package io.pricefeed.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The checks a harness makes of its flags beyond their types (ranges, one flag against another), reported
 * as picocli reports a bad flag: the message, then the usage, exit status 2.
 */
public final class Flags {
    private Flags() {
    }

    /** Fails the command line with {@code message}, which should name the flag, unless {@code ok}. */
    public static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
