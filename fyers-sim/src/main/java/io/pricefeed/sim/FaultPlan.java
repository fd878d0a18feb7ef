package io.pricefeed.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which faults a sim injects on its own, off by default. Each data request draws one fault (or
 * none) with the given probabilities from a stream seeded by the sim's seed, so a sequence of
 * requests meets the same faults in every run. Tests that want one particular fault at one
 * particular request use {@link FyersSim#injectFaults} instead.
 *
 * @param probabilities chance per data request of each kind; together at most 1
 * @param slowDelay     how long a {@link FaultKind#SLOW_RESPONSE} holds its answer, in real time
 * @param tokenExpiryAt a simulated instant at which every token issued before it expires, as
 *                      when Fyers ends a session early; null for never
 */
public record FaultPlan(Map<FaultKind, Double> probabilities, Duration slowDelay, Instant tokenExpiryAt) {
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(5);
    public static final FaultPlan NONE = new FaultPlan(Map.of(), DEFAULT_SLOW_DELAY, null);

    public FaultPlan {
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(slowDelay, "slowDelay");
        double sum = 0;
        for (Map.Entry<FaultKind, Double> e : probabilities.entrySet()) {
            double p = Objects.requireNonNull(e.getValue(), "probability of " + e.getKey());
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must be in [0, 1], was " + p);
            }
            sum += p;
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("fault probabilities add up to " + sum + ", more than 1");
        }
        if (slowDelay.isNegative() || slowDelay.isZero() || slowDelay.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("slowDelay must be in (0, 10 min], was " + slowDelay);
        }
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        copy.putAll(probabilities);
        probabilities = Collections.unmodifiableMap(copy);
    }

    public FaultPlan withProbability(FaultKind kind, double probability) {
        EnumMap<FaultKind, Double> p = new EnumMap<>(FaultKind.class);
        p.putAll(probabilities);
        p.put(kind, probability);
        return new FaultPlan(p, slowDelay, tokenExpiryAt);
    }

    public FaultPlan withSlowDelay(Duration delay) {
        return new FaultPlan(probabilities, delay, tokenExpiryAt);
    }

    public FaultPlan withTokenExpiryAt(Instant simulatedInstant) {
        return new FaultPlan(probabilities, slowDelay, simulatedInstant);
    }

    public double probability(FaultKind kind) {
        return probabilities.getOrDefault(kind, 0.0);
    }
}
