package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** A parsed statement: its text, the parameter types the client declared, and its description. */
final class PreparedStatement {
    private final String name;
    private final String sql;
    private final List<PgType> declaredTypes;
    private final boolean empty;
    private PgStatementDescription description;

    PreparedStatement(String name, String sql, List<PgType> declaredTypes) {
        this.name = requireNonNull(name, "name is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.declaredTypes = List.copyOf(requireNonNull(declaredTypes, "declaredTypes is null"));
        this.empty = StatementSplitter.split(sql).isEmpty();
    }

    String name() {
        return name;
    }

    String sql() {
        return sql;
    }

    /** Only whitespace and comments: answered with EmptyQueryResponse, never run. */
    boolean isEmpty() {
        return empty;
    }

    List<PgType> declaredTypes() {
        return declaredTypes;
    }

    /** Declared types win; the session's description fills in what the client left open. */
    PgType parameterType(int index) {
        if (index < declaredTypes.size() && declaredTypes.get(index) != PgType.UNKNOWN) {
            return declaredTypes.get(index);
        }
        if (description != null && index < description.parameterTypes().size()) {
            return description.parameterTypes().get(index);
        }
        return PgType.UNKNOWN;
    }

    boolean isDescribed() {
        return description != null;
    }

    PgStatementDescription description() {
        return description;
    }

    void setDescription(PgStatementDescription description) {
        this.description = requireNonNull(description, "description is null");
    }

    List<PgType> parameterTypes() {
        int count =
                Math.max(
                        declaredTypes.size(),
                        description == null ? 0 : description.parameterTypes().size());
        List<PgType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(parameterType(i));
        }
        return types;
    }
}
