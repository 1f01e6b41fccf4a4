package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER USER name [WITH] PASSWORD 'secret'}. Like {@link SqlCreateUser}, never to be logged.
 */
public final class SqlAlterUser extends SqlCall {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("ALTER USER", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlNode password;

    public SqlAlterUser(SqlParserPos pos, SqlIdentifier name, SqlNode password) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.password = requireNonNull(password, "password is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The new password as written. */
    public String password() {
        return SqlLiteral.unchain(password).getValueAs(String.class);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, password);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER USER");
        name.unparse(writer, 0, 0);
        writer.keyword("PASSWORD");
        password.unparse(writer, 0, 0);
    }
}
