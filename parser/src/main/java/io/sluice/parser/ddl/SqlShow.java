package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code SHOW TABLES | PIPELINES | CONNECTION PROFILES | CREATE TABLE name | CREATE PIPELINE name |
 * CHECKPOINTS FOR PIPELINE name | ALL | variable}.
 *
 * <p>{@code SHOW variable} is the Postgres form clients send on connect, e.g. {@code SHOW
 * search_path} or {@code SHOW server_version}.
 */
public final class SqlShow extends SqlCall {
    /** What is shown. */
    public enum Kind {
        TABLES,
        PIPELINES,
        CONNECTION_PROFILES,
        /** {@code SHOW CREATE TABLE name}; {@link #name()} is the table. */
        CREATE_TABLE,
        /** {@code SHOW CREATE PIPELINE name}; {@link #name()} is the pipeline. */
        CREATE_PIPELINE,
        /** {@code SHOW CHECKPOINTS FOR PIPELINE name}; {@link #name()} is the pipeline. */
        CHECKPOINTS,
        /** {@code SHOW ALL}: every session variable. */
        ALL,
        /** {@code SHOW name}; {@link #name()} is the variable. */
        VARIABLE
    }

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

    private final Kind kind;
    private final @Nullable SqlIdentifier name;

    public SqlShow(SqlParserPos pos, Kind kind, @Nullable SqlIdentifier name) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.name = name;
        boolean named =
                kind == Kind.CREATE_TABLE
                        || kind == Kind.CREATE_PIPELINE
                        || kind == Kind.CHECKPOINTS
                        || kind == Kind.VARIABLE;
        if (named != (name != null)) {
            throw new IllegalArgumentException("SHOW " + kind + " with name " + name);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The table, pipeline or variable the statement names, for the kinds that name one. */
    public Optional<SqlIdentifier> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return name == null ? List.of() : List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        switch (kind) {
            case TABLES -> writer.keyword("TABLES");
            case PIPELINES -> writer.keyword("PIPELINES");
            case CONNECTION_PROFILES -> writer.keyword("CONNECTION PROFILES");
            case CREATE_TABLE -> writer.keyword("CREATE TABLE");
            case CREATE_PIPELINE -> writer.keyword("CREATE PIPELINE");
            case CHECKPOINTS -> writer.keyword("CHECKPOINTS FOR PIPELINE");
            case ALL -> writer.keyword("ALL");
            case VARIABLE -> {}
        }
        if (name != null) {
            name.unparse(writer, 0, 0);
        }
    }
}
