package io.pricefeed.flink.anomaly;

import io.pricefeed.flink.config.ConfigException;
import io.pricefeed.flink.config.JobConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The thresholds of the anomaly rules (DESIGN.md §6), from the {@code anomaly} configuration
 * group, checked beyond what {@link JobConfig} can check key by key. Immutable and serializable:
 * the operator keeps one as a field.
 *
 * <ul>
 *   <li>{@code priceMoveBandsPct}: finite, &gt; 0, distinct; kept in ascending order whatever order
 *       they were listed in;</li>
 *   <li>{@code zscoreWindow}: 2 to {@value #MAX_WINDOW} returns (a standard deviation needs two);</li>
 *   <li>{@code surgeWindow}: 1 to {@value #MAX_WINDOW} bars;</li>
 *   <li>{@code surgeRatio}: &gt; 1 (a ratio of 1 or less would call every ordinary bar a surge);</li>
 *   <li>{@code zscoreK}, {@code gapOpenPct}: finite and &gt; 0; {@code surgeMinVolume}: finite and &gt;= 0.</li>
 * </ul>
 * The windows are capped because each one is a ring buffer in the keyed state of every symbol.
 * A bad value fails with a {@link ConfigException} that names the key.
 */
public final class AnomalyThresholds implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest rolling window accepted for either bar rule (bars); one double per bar per symbol. */
    public static final int MAX_WINDOW = 1000;

    private final double[] priceMoveBandsPct;
    private final double zscoreK;
    private final int zscoreWindow;
    private final double surgeRatio;
    private final int surgeWindow;
    private final double surgeMinVolume;
    private final double gapOpenPct;

    /**
     * @param priceMoveBandsPct PRICE_MOVE bands in percent of the previous close, any order
     * @param zscoreK           RETURN_ZSCORE: how many standard deviations fire
     * @param zscoreWindow      RETURN_ZSCORE: how many previous 1m returns make the mean and deviation
     * @param surgeRatio        VOLUME_SURGE: volume over the window's mean volume that fires
     * @param surgeWindow       VOLUME_SURGE: how many previous 1m bars make the mean volume
     * @param surgeMinVolume    VOLUME_SURGE: a bar below this volume never fires
     * @param gapOpenPct        GAP_OPEN: distance of the day's open from the previous close, percent
     * @throws ConfigException naming the configuration key of the first bad value
     */
    public AnomalyThresholds(List<Double> priceMoveBandsPct, double zscoreK, int zscoreWindow,
                             double surgeRatio, int surgeWindow, double surgeMinVolume, double gapOpenPct) {
        this.priceMoveBandsPct = bands(priceMoveBandsPct);
        this.zscoreK = positive(JobConfig.ZSCORE_K.qualifiedName(), zscoreK);
        this.zscoreWindow = window(JobConfig.ZSCORE_WINDOW.qualifiedName(), zscoreWindow, 2);
        this.surgeRatio = positive(JobConfig.SURGE_RATIO.qualifiedName(), surgeRatio);
        if (!(surgeRatio > 1)) {
            throw new ConfigException("configuration key '" + JobConfig.SURGE_RATIO.qualifiedName()
                    + "' must be greater than 1 (a surge is a multiple of the usual volume), got " + surgeRatio);
        }
        this.surgeWindow = window(JobConfig.SURGE_WINDOW.qualifiedName(), surgeWindow, 1);
        if (!(surgeMinVolume >= 0) || Double.isInfinite(surgeMinVolume)) {
            throw new ConfigException("configuration key '" + JobConfig.SURGE_MIN_VOLUME.qualifiedName()
                    + "' must be a finite number >= 0, got " + surgeMinVolume);
        }
        this.surgeMinVolume = surgeMinVolume;
        this.gapOpenPct = positive(JobConfig.GAP_OPEN_PCT.qualifiedName(), gapOpenPct);
    }

    /** The {@code anomaly.*} keys of a loaded job configuration. */
    public static AnomalyThresholds fromConfig(JobConfig config) {
        return new AnomalyThresholds(config.get(JobConfig.PRICE_MOVE_BANDS_PCT), config.get(JobConfig.ZSCORE_K),
                config.get(JobConfig.ZSCORE_WINDOW), config.get(JobConfig.SURGE_RATIO), config.get(JobConfig.SURGE_WINDOW),
                config.get(JobConfig.SURGE_MIN_VOLUME), config.get(JobConfig.GAP_OPEN_PCT));
    }

    /** The defaults of DESIGN.md §6: bands 5, 7.5, 10 %; k 4 over 30; r 5 over 20 above 1000; gap 3 %. */
    public static AnomalyThresholds defaults() {
        return fromConfig(JobConfig.defaults());
    }

    /** The PRICE_MOVE bands in percent, ascending. */
    public List<Double> priceMoveBandsPct() {
        List<Double> out = new ArrayList<>(priceMoveBandsPct.length);
        for (double b : priceMoveBandsPct) {
            out.add(b);
        }
        return Collections.unmodifiableList(out);
    }

    double[] bandsAscending() {
        return priceMoveBandsPct.clone();
    }

    public double zscoreK() {
        return zscoreK;
    }

    public int zscoreWindow() {
        return zscoreWindow;
    }

    public double surgeRatio() {
        return surgeRatio;
    }

    public int surgeWindow() {
        return surgeWindow;
    }

    public double surgeMinVolume() {
        return surgeMinVolume;
    }

    public double gapOpenPct() {
        return gapOpenPct;
    }

    private static double[] bands(List<Double> given) {
        String key = JobConfig.PRICE_MOVE_BANDS_PCT.qualifiedName();
        if (given == null || given.isEmpty()) {
            throw new ConfigException("configuration key '" + key + "' must list at least one band");
        }
        double[] out = new double[given.size()];
        for (int i = 0; i < out.length; i++) {
            Double b = given.get(i);
            out[i] = positive(key, b == null ? Double.NaN : b);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new ConfigException("configuration key '" + key + "' lists the band " + out[i] + " twice");
            }
        }
        return out;
    }

    private static double positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigException("configuration key '" + key + "' must be a finite number > 0, got " + v);
        }
        return v;
    }

    private static int window(String key, int n, int min) {
        if (n < min || n > MAX_WINDOW) {
            throw new ConfigException("configuration key '" + key + "' must be a whole number from " + min
                    + " to " + MAX_WINDOW + ", got " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "AnomalyThresholds{bands=%s%% zscore k=%s n=%d surge r=%s n=%d min=%s gapOpen=%s%%}",
                Arrays.toString(priceMoveBandsPct), zscoreK, zscoreWindow, surgeRatio, surgeWindow,
                surgeMinVolume, gapOpenPct);
    }
}
