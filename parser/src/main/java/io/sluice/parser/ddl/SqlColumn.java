package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
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

/**
 * A column definition {@code name type [NOT NULL]} of {@code CREATE TABLE}.
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

    public SqlColumn(SqlIdentifier name, SqlDataTypeSpec type, boolean notNull, SqlParserPos pos) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.notNull = notNull;
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

    /** Where the column definition starts and ends in the statement. */
    public SqlParserPos position() {
        return getParserPosition();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, type, SqlLiteral.createBoolean(notNull, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (notNull) {
            writer.keyword("NOT NULL");
        }
    }
}
