package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE USER name [WITH] PASSWORD 'secret'}. The password is part of the node, so neither
 * the node nor the statement text may ever be logged or echoed.
 */
public final class SqlCreateUser extends SqlCreate {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE USER", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlNode password;

    public SqlCreateUser(SqlParserPos pos, boolean replace, SqlIdentifier name, SqlNode password) {
        super(OPERATOR, pos, replace, false);
        this.name = requireNonNull(name, "name is null");
        this.password = requireNonNull(password, "password is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The password as written. */
    public String password() {
        return SqlLiteral.unchain(password).getValueAs(String.class);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, password);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword("USER");
        name.unparse(writer, 0, 0);
        writer.keyword("PASSWORD");
        password.unparse(writer, 0, 0);
    }
}
