package io.pricefeed.bench.lake;

import java.util.Arrays;
import java.util.List;

/** How the files of one lake partition are shaped: how many, and how big (the smallest, the median, the largest, all). */
public record FileShape(int files, long minBytes, long medianBytes, long maxBytes, long totalBytes) {

    /** The shape of files of these sizes; the median of an even count is the lower middle one (a real file's size). */
    public static FileShape of(List<Long> sizes) {
        if (sizes.isEmpty()) {
            return new FileShape(0, 0, 0, 0, 0);
        }
        long[] sorted = sizes.stream().mapToLong(Long::longValue).sorted().toArray();
        return new FileShape(sorted.length, sorted[0], sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1],
                Arrays.stream(sorted).sum());
    }
}
