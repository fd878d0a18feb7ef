package io.pricefeed.standins;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class running local AWS stand-ins: declare a {@link Kinesalite} or
 * {@link DynamoDbLocal} parameter on a test, lifecycle method or constructor and it is started
 * on random free ports (once per test JVM, shared by all classes) and stopped when the run ends,
 * whether the tests pass or not. Give streams and tables unique names per test.
 *
 * <pre>{@code
 * @LocalAws
 * class PublisherITCase {
 *     @Test
 *     void publishes(Kinesalite kinesis, DynamoDbLocal dynamo) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAwsExtension.class)
public @interface LocalAws {
}
