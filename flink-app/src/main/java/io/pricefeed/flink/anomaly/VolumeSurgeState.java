package io.pricefeed.flink.anomaly;

import java.io.Serializable;

/**
 * One symbol's VOLUME_SURGE memory: the IST day of the last traded 1m bar (to recognise a day's
 * first bar) and the window of the previous n comparable bar volumes, which carries over days. A
 * Flink POJO.
 */
public class VolumeSurgeState implements Serializable {
    private static final long serialVersionUID = 1L;

    private long lastEpochDay = Long.MIN_VALUE;
    private RollingWindow volumes = new RollingWindow();

    public VolumeSurgeState() {
    }

    public long getLastEpochDay() {
        return lastEpochDay;
    }

    public void setLastEpochDay(long lastEpochDay) {
        this.lastEpochDay = lastEpochDay;
    }

    public RollingWindow getVolumes() {
        return volumes;
    }

    public void setVolumes(RollingWindow volumes) {
        this.volumes = volumes == null ? new RollingWindow() : volumes;
    }

    @Override
    public String toString() {
        return "VolumeSurgeState{lastDay=" + lastEpochDay + " volumes=" + volumes + '}';
    }
}
