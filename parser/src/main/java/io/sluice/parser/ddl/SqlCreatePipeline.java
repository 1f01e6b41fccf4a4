package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE PIPELINE [IF NOT EXISTS] name [WITH (options)] AS INSERT INTO sink SELECT ...}: a
 * named, continuously running INSERT.
 */
public final class SqlCreatePipeline extends SqlCreate {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE PIPELINE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final List<SqlTableOption> options;
    private final SqlInsert insert;

    public SqlCreatePipeline(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            List<SqlTableOption> options,
            SqlInsert insert) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
        this.insert = requireNonNull(insert, "insert is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** Options of the pipeline itself; empty when no WITH clause was written. */
    public List<SqlTableOption> options() {
        return options;
    }

    /** The INSERT the pipeline runs. */
    public SqlInsert insert() {
        return insert;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, new SqlNodeList(options, SqlParserPos.ZERO), insert);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword("PIPELINE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        SqlTableOption.unparseList(writer, options);
        writer.keyword("AS");
        insert.unparse(writer, 0, 0);
    }
}
