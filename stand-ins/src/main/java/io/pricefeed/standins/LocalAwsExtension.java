package io.pricefeed.standins;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link LocalAws}. Stand-ins live in the root context's store, so JUnit
 * closes them when the whole run ends, after failures too; each starts only when first asked for.
 */
public final class LocalAwsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Kinesalite.class || type == DynamoDbLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Kinesalite.class ? kinesis(context) : dynamo(context);
    }

    public static Kinesalite kinesis(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("kinesis", k -> new Running(Kinesalite.builder().start()), Running.class)
                .get(Kinesalite.class);
    }

    public static DynamoDbLocal dynamo(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("dynamo", k -> new Running(DynamoDbLocal.start(0)), Running.class)
                .get(DynamoDbLocal.class);
    }

    /** Adapts a stand-in to JUnit's store, which closes it at the end of the run. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        private final AutoCloseable standIn;

        Running(AutoCloseable standIn) {
            this.standIn = standIn;
        }

        <R> R get(Class<R> type) {
            return type.cast(standIn);
        }

        @Override
        public void close() throws Exception {
            standIn.close();
        }
    }
}
