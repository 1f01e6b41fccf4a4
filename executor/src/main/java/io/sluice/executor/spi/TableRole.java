package io.sluice.executor.spi;

/** Whether a table is read by pipelines, written by them, or only queried. */
public enum TableRole {
    SOURCE,
    SINK
}
