package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

/** One result column as RowDescription reports it. */
public record PgColumn(String name, PgType type) {
    public PgColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
