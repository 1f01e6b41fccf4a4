package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A column definition {@code name type [NOT NULL] [METADATA FROM 'key'] [GENERATED ALWAYS AS
 * (expr)]} of {@code CREATE TABLE}.
 *
 * <p>{@code PRIMARY KEY} written on the column is recorded on the table ({@link
 * SqlCreateSluiceTable#primaryKey()}), not here; {@link #notNull()} is only what was written.
 */
public final class SqlColumn extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private final boolean notNull;
    private final @Nullable SqlNode metadataKey;
    private final @Nullable SqlNode generated;

    public SqlColumn(SqlIdentifier name, SqlDataTypeSpec type, boolean notNull, SqlParserPos pos) {
        this(name, type, notNull, null, null, pos);
    }

    public SqlColumn(
            SqlIdentifier name,
            SqlDataTypeSpec type,
            boolean notNull,
            @Nullable SqlNode metadataKey,
            @Nullable SqlNode generated,
            SqlParserPos pos) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.notNull = notNull;
        this.metadataKey = metadataKey;
        this.generated = generated;
        if (metadataKey != null && generated != null) {
            throw new IllegalArgumentException("a column is either METADATA or GENERATED");
        }
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The declared type; TEXT, JSON, TIMESTAMPTZ and the like are user-defined type names. */
    public SqlDataTypeSpec type() {
        return type;
    }

    public boolean notNull() {
        return notNull;
    }

    /** The string literal of {@code METADATA FROM 'key'}, when written. */
    public Optional<SqlNode> metadataKeyLiteral() {
        return Optional.ofNullable(metadataKey);
    }

    /** The key of {@code METADATA FROM 'key'}, e.g. {@code offset_id}, when written. */
    public Optional<String> metadataKey() {
        return metadataKeyLiteral().map(key -> SqlLiteral.unchain(key).getValueAs(String.class));
    }

    /** The expression of {@code GENERATED ALWAYS AS (expr)}, when written. */
    public Optional<SqlNode> generated() {
        return Optional.ofNullable(generated);
    }

    /** Where the column definition starts and ends in the statement. */
    public SqlParserPos position() {
        return getParserPosition();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<@Nullable SqlNode> getOperandList() {
        return Arrays.asList(
                name,
                type,
                SqlLiteral.createBoolean(notNull, SqlParserPos.ZERO),
                metadataKey,
                generated);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (notNull) {
            writer.keyword("NOT NULL");
        }
        if (metadataKey != null) {
            writer.keyword("METADATA FROM");
            metadataKey.unparse(writer, 0, 0);
        }
        if (generated != null) {
            writer.keyword("GENERATED ALWAYS AS");
            SqlWriter.Frame frame = writer.startList("(", ")");
            generated.unparse(writer, 0, 0);
            writer.endList(frame);
        }
    }
}
