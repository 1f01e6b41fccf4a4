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

/** {@code ALTER PIPELINE name SET (parallelism = n, checkpoint_interval = '10s')}. */
public final class SqlAlterPipeline extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("ALTER PIPELINE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final List<SqlTableOption> options;

    public SqlAlterPipeline(SqlParserPos pos, SqlIdentifier name, List<SqlTableOption> options) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.options = List.copyOf(requireNonNull(options, "options is null"));
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The options to change; those not named keep their current value. */
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
        writer.keyword("ALTER PIPELINE");
        name.unparse(writer, 0, 0);
        writer.keyword("SET");
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlTableOption option : options) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
