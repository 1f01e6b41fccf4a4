package io.sluice.planner.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An immutable catalog snapshot held in memory; a fresh instance per change. */
public final class InMemoryCatalog implements CatalogView {
    private final Map<String, TableDefinition> tables;
    private final Map<String, ConnectionProfile> profiles;

    private InMemoryCatalog(
            Map<String, TableDefinition> tables, Map<String, ConnectionProfile> profiles) {
        this.tables = tables;
        this.profiles = profiles;
    }

    public static InMemoryCatalog empty() {
        return new InMemoryCatalog(Map.of(), Map.of());
    }

    public static InMemoryCatalog of(
            List<TableDefinition> tables, List<ConnectionProfile> profiles) {
        InMemoryCatalog catalog = empty();
        for (ConnectionProfile profile : profiles) {
            catalog = catalog.withProfile(profile);
        }
        for (TableDefinition table : tables) {
            catalog = catalog.withTable(table);
        }
        return catalog;
    }

    /** A copy holding {@code table}, replacing any table of the same name. */
    public InMemoryCatalog withTable(TableDefinition table) {
        requireNonNull(table, "table is null");
        Map<String, TableDefinition> copy = new TreeMap<>(tables);
        copy.put(table.name(), table);
        return new InMemoryCatalog(Map.copyOf(copy), profiles);
    }

    /** A copy holding {@code profile}, replacing any profile of the same name. */
    public InMemoryCatalog withProfile(ConnectionProfile profile) {
        requireNonNull(profile, "profile is null");
        Map<String, ConnectionProfile> copy = new TreeMap<>(profiles);
        copy.put(profile.name(), profile);
        return new InMemoryCatalog(tables, Map.copyOf(copy));
    }

    @Override
    public Optional<TableDefinition> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    @Override
    public Optional<ConnectionProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    @Override
    public List<TableDefinition> tables() {
        return List.copyOf(new TreeMap<>(tables).values());
    }
}
