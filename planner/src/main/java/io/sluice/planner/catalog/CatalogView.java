package io.sluice.planner.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the catalog as planning needs it. Implementations must be consistent snapshots.
 */
public interface CatalogView {
    Optional<TableDefinition> table(String name);

    Optional<ConnectionProfile> profile(String name);

    /** Every table, in no particular order. */
    List<TableDefinition> tables();
}
