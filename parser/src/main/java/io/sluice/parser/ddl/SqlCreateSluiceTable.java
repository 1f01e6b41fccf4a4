package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name [(column, ..., [PRIMARY KEY (a, b)])] [WITH (options)]}.
 *
 * <p>A table without a column list (a sink whose schema comes from the first INSERT) has {@link
 * #hasColumnList()} false; {@code CREATE TABLE t ()} has an empty but present column list.
 */
public final class SqlCreateSluiceTable extends SqlCreate {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final boolean hasColumnList;
    private final List<SqlColumn> columns;
    private final List<SqlIdentifier> primaryKey;
    private final List<SqlTableOption> options;
    private final @Nullable SqlWatermark watermark;

    public SqlCreateSluiceTable(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            boolean hasColumnList,
            List<SqlColumn> columns,
            List<SqlIdentifier> primaryKey,
            List<SqlTableOption> options) {
        this(pos, replace, ifNotExists, name, hasColumnList, columns, primaryKey, null, options);
    }

    public SqlCreateSluiceTable(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            boolean hasColumnList,
            List<SqlColumn> columns,
            List<SqlIdentifier> primaryKey,
            @Nullable SqlWatermark watermark,
            List<SqlTableOption> options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.hasColumnList = hasColumnList;
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        this.options = List.copyOf(requireNonNull(options, "options is null"));
        this.watermark = watermark;
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** Whether a parenthesised column list was written. */
    public boolean hasColumnList() {
        return hasColumnList;
    }

    /** Columns in declaration order; empty when there is no column list. */
    public List<SqlColumn> columns() {
        return columns;
    }

    /**
     * Primary key column names in key order, from either {@code col TYPE PRIMARY KEY} or a
     * table-level {@code PRIMARY KEY (a, b)}; empty when there is none.
     */
    public List<String> primaryKey() {
        return primaryKey.stream().map(SqlIdentifier::getSimple).toList();
    }

    /** The {@code WATERMARK FOR column [AS expr]} clause, when written. */
    public Optional<SqlWatermark> watermark() {
        return Optional.ofNullable(watermark);
    }

    public List<SqlTableOption> options() {
        return options;
    }

    @Override
    public List<@Nullable SqlNode> getOperandList() {
        return Arrays.asList(
                name,
                new SqlNodeList(columns, SqlParserPos.ZERO),
                new SqlNodeList(primaryKey, SqlParserPos.ZERO),
                watermark,
                new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword("TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (hasColumnList) {
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlColumn column : columns) {
                writer.sep(",");
                column.unparse(writer, 0, 0);
            }
            if (!primaryKey.isEmpty()) {
                writer.sep(",");
                writer.keyword("PRIMARY KEY");
                SqlWriter.Frame keyFrame = writer.startList("(", ")");
                for (SqlIdentifier keyColumn : primaryKey) {
                    writer.sep(",");
                    keyColumn.unparse(writer, 0, 0);
                }
                writer.endList(keyFrame);
            }
            if (watermark != null) {
                writer.sep(",");
                watermark.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        SqlTableOption.unparseList(writer, options);
    }
}
