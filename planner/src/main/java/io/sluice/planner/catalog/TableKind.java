package io.sluice.planner.catalog;

/** What a table is for: read by pipelines, written by them, or only queried as part of the lake. */
public enum TableKind {
    /** A stream that pipelines read, such as a Kafka topic. */
    SOURCE,
    /** A table that pipelines write and that lake queries read. */
    SINK,
    /** A lake table that no pipeline writes; only queried. */
    LAKE
}
