package io.pricefeed.flink.anomaly;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The last {@code capacity} values of a series in a ring buffer, with an exact mean and sample
 * standard deviation: recomputed over the held values on each call (two passes, oldest first), so
 * no running sum drifts and a restored or resized window gives bit-identical results. O(n) per
 * call, which for the windows of DESIGN.md §6 (20, 30) is nothing.
 *
 * <p>A Flink POJO (public no-arg constructor, a getter and a setter per field), so it can sit in
 * keyed state inside the rule states.
 */
public class RollingWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ring; its length is the capacity. */
    private double[] values = new double[0];
    /** How many slots hold a value (up to the capacity). */
    private int size;
    /** The slot the next value goes to; when full, also the oldest value's slot. */
    private int next;

    public RollingWindow() {
    }

    public RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window needs a capacity >= 1, got " + capacity);
        }
        this.values = new double[capacity];
    }

    public int capacity() {
        return values.length;
    }

    /** How many values are held. */
    public int count() {
        return size;
    }

    /** True when the window holds {@code capacity} values: warm-up is over. */
    public boolean full() {
        return values.length > 0 && size == values.length;
    }

    /** Appends a value, evicting the oldest one when full. */
    public void add(double v) {
        if (values.length == 0) {
            throw new IllegalStateException("the window has no capacity: resize it first");
        }
        values[next] = v;
        next = (next + 1) % values.length;
        if (size < values.length) {
            size++;
        }
    }

    /** The held values, oldest first. */
    public double[] toArray() {
        double[] out = new double[size];
        int oldest = size < values.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out[i] = values[(oldest + i) % values.length];
        }
        return out;
    }

    /** Mean of the held values; NaN when empty. */
    public double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : toArray()) {
            sum += v;
        }
        return sum / size;
    }

    /** Sample standard deviation (n - 1 in the denominator) of the held values; NaN below two values. */
    public double sampleStdDev() {
        if (size < 2) {
            return Double.NaN;
        }
        double[] held = toArray();
        double mean = 0;
        for (double v : held) {
            mean += v;
        }
        mean /= size;
        double squares = 0;
        for (double v : held) {
            double d = v - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (size - 1));
    }

    /**
     * Changes the capacity, keeping the newest values that fit (oldest first). A no-op at the
     * current capacity. For state restored under a configuration with another window size.
     */
    public void resize(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window needs a capacity >= 1, got " + capacity);
        }
        if (capacity == values.length) {
            return;
        }
        double[] held = toArray();
        int keep = Math.min(held.length, capacity);
        double[] ring = new double[capacity];
        System.arraycopy(held, held.length - keep, ring, 0, keep);
        values = ring;
        size = keep;
        next = keep % capacity;
    }

    // ---- Flink POJO accessors ------------------------------------------------------------------

    public double[] getValues() {
        return values;
    }

    public void setValues(double[] values) {
        this.values = values == null ? new double[0] : values;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public int getNext() {
        return next;
    }

    public void setNext(int next) {
        this.next = next;
    }

    @Override
    public String toString() {
        return "RollingWindow" + Arrays.toString(toArray()) + "/" + values.length;
    }
}
