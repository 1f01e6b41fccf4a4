package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code STOP PIPELINE name}, {@code START PIPELINE name} or {@code DROP PIPELINE [IF EXISTS]
 * name}.
 */
public final class SqlPipelineCommand extends SqlCall {
    /** What to do with the pipeline. */
    public enum Action {
        STOP,
        START,
        DROP
    }

    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("PIPELINE COMMAND", SqlKind.OTHER_DDL);

    private final Action action;
    private final boolean ifExists;
    private final SqlIdentifier name;

    public SqlPipelineCommand(
            SqlParserPos pos, Action action, boolean ifExists, SqlIdentifier name) {
        super(pos);
        this.action = requireNonNull(action, "action is null");
        this.ifExists = ifExists;
        this.name = requireNonNull(name, "name is null");
        if (ifExists && action != Action.DROP) {
            throw new IllegalArgumentException("IF EXISTS applies to DROP only");
        }
    }

    public Action action() {
        return action;
    }

    /** Only ever true for {@link Action#DROP}. */
    public boolean ifExists() {
        return ifExists;
    }

    public SqlIdentifier name() {
        return name;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(action.name());
        writer.keyword("PIPELINE");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
    }
}
