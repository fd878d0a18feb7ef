package io.pricefeed.local.options;

import io.pricefeed.producer.config.ConfigException;
import io.pricefeed.producer.config.ProducerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --config <file>} of the producer commands, loaded with a one-line error for a bad file or key. */
public final class ProducerConfigOption {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "producer configuration JSON (keys and defaults: producer/README.md)")
    Path file;

    public ProducerConfig load(CommandSpec spec) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no producer config at " + file);
        }
        try {
            return ProducerConfig.load(file);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + ": " + e.getMessage());
        }
    }
}
