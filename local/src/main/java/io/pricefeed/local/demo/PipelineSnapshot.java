package io.pricefeed.local.demo;

/**
 * The demo's counters at one moment.
 *
 * @param nanoTime        when it was taken ({@link System#nanoTime()})
 * @param simulatedNow    the simulated clock, epoch ms
 * @param quoteCalls      successful quote calls of the producer
 * @param ticksPublished  ticks the producer has put into Kinesis
 * @param faultsInjected  replies fyers-sim spoiled on purpose ({@code --faults})
 * @param rateLimited     -429 answers of fyers-sim (there should be none)
 * @param ticks           ticks the job has read
 * @param rejects         records the job rejected (in the lake's {@code rejects/})
 * @param finalMinuteBars final 1m bars the job has emitted
 * @param anomalies       anomalies the job has emitted
 * @param eventTime       the event time the job's bar timers reached, epoch ms ({@code Long.MIN_VALUE}: none yet)
 * @param emails          alert mails the SMTP server received
 */
public record PipelineSnapshot(long nanoTime, long simulatedNow, long quoteCalls, long ticksPublished,
                               long faultsInjected, long rateLimited, long ticks, long rejects,
                               long finalMinuteBars, long anomalies, long eventTime, long emails) {

    /** How far the job's event time trails the simulated clock, in simulated ms; -1 before any event time. */
    public long watermarkLagMs() {
        return eventTime == Long.MIN_VALUE ? -1 : Math.max(0, simulatedNow - eventTime);
    }

    /** The same lag in real ms, at {@code speed} simulated seconds per real second; -1 before any event time. */
    public long watermarkLagRealMs(double speed) {
        long lag = watermarkLagMs();
        return lag < 0 ? -1 : Math.round(lag / speed);
    }
}
