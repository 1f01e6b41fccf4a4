package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code VALIDATE CONNECTION PROFILE name [WITH (options)]}: connects with the profile's options
 * (plus the given ones, such as a topic to look for) and reports what is wrong.
 */
public final class SqlValidateConnectionProfile extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("VALIDATE CONNECTION PROFILE", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final List<SqlTableOption> options;

    public SqlValidateConnectionProfile(
            SqlParserPos pos, SqlIdentifier name, List<SqlTableOption> options) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.options = List.copyOf(options);
    }

    public SqlIdentifier name() {
        return name;
    }

    public List<SqlTableOption> options() {
        return options;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, new SqlNodeList(options, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("VALIDATE CONNECTION PROFILE");
        name.unparse(writer, 0, 0);
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            SqlWriter.Frame frame = writer.startList("(", ")");
            for (SqlTableOption option : options) {
                writer.sep(",");
                option.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
    }
}
