package io.sluice.planner;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables a SELECT reads, by what they are.
 *
 * @param lakeTables catalog tables held in the lake (sinks and lake tables): DuckDB can answer
 * @param sourceTables catalog source tables (streams)
 * @param otherTables names the catalog does not hold: system tables, or mistakes
 */
public record LakeQueryTables(
        Set<String> lakeTables, Set<String> sourceTables, Set<String> otherTables) {
    public LakeQueryTables {
        lakeTables = Collections.unmodifiableSet(new TreeSet<>(lakeTables));
        sourceTables = Collections.unmodifiableSet(new TreeSet<>(sourceTables));
        otherTables = Collections.unmodifiableSet(new TreeSet<>(otherTables));
    }

    /** Every table named, in name order. */
    public Set<String> all() {
        Set<String> all = new TreeSet<>(lakeTables);
        all.addAll(sourceTables);
        all.addAll(otherTables);
        return Collections.unmodifiableSet(all);
    }
}
