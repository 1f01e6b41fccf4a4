package io.sluice.benchmarks;

/** Where a scenario's output goes. */
public enum SinkKind {
    /** Rows are discarded: measures source, decode, filter and projection. */
    BLACKHOLE("blackhole"),
    /** Zstd-compressed Parquet files on local disk. */
    PARQUET("parquet");

    private final String label;

    SinkKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
