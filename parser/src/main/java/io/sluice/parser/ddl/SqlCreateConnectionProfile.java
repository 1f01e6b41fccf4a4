package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE CONNECTION PROFILE [IF NOT EXISTS] name WITH (options)}: named connection settings
 * (brokers, credentials) that tables refer to with {@code connection_profile = 'name'}.
 */
public final class SqlCreateConnectionProfile extends SqlCreate {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE CONNECTION PROFILE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final List<SqlTableOption> options;

    public SqlCreateConnectionProfile(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            SqlIdentifier name,
            List<SqlTableOption> options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public SqlIdentifier name() {
        return name;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    public List<SqlTableOption> options() {
        return options;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword("CONNECTION PROFILE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        // WITH is mandatory here, even when empty.
        writer.keyword("WITH");
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlTableOption option : options) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
