package io.pricefeed.bench;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The type of a harness flag that counts something (symbols, seconds, files, slots): a whole number of
 * at least 1. Used as {@code @Option(converter = PositiveCount.class)}, also on a comma-separated list
 * ({@code split = ","}), where it checks every value; picocli puts the flag's name before the message.
 */
public final class PositiveCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be a whole number, got '" + value + "'");
        }
        if (v < 1) {
            throw new TypeConversionException("must be at least 1, got " + v);
        }
        return v;
    }
}
