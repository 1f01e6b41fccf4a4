package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code OPTIMIZE table [WHERE partition_predicate]} (rewrite small files into bigger ones) or
 * {@code VACUUM table [RETAIN n HOURS]} (delete files the table no longer references).
 */
public final class SqlTableMaintenance extends SqlCall {
    /** What to do with the table. */
    public enum Action {
        OPTIMIZE,
        VACUUM
    }

    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("TABLE MAINTENANCE", SqlKind.OTHER_DDL);

    private final Action action;
    private final SqlIdentifier name;
    private final SqlNode where;
    private final SqlNumericLiteral retainHours;

    /**
     * @param where OPTIMIZE's predicate, or null
     * @param retainHours VACUUM's retention, or null
     */
    public SqlTableMaintenance(
            SqlParserPos pos,
            Action action,
            SqlIdentifier name,
            SqlNode where,
            SqlNumericLiteral retainHours) {
        super(pos);
        this.action = requireNonNull(action, "action is null");
        this.name = requireNonNull(name, "name is null");
        this.where = where;
        this.retainHours = retainHours;
    }

    public Action action() {
        return action;
    }

    public SqlIdentifier name() {
        return name;
    }

    public Optional<SqlNode> where() {
        return Optional.ofNullable(where);
    }

    public Optional<SqlNumericLiteral> retainHours() {
        return Optional.ofNullable(retainHours);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(name);
        where().ifPresent(operands::add);
        retainHours().ifPresent(operands::add);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(action.name());
        name.unparse(writer, 0, 0);
        if (where != null) {
            writer.keyword("WHERE");
            where.unparse(writer, 0, 0);
        }
        if (retainHours != null) {
            writer.keyword("RETAIN");
            retainHours.unparse(writer, 0, 0);
            writer.keyword("HOURS");
        }
    }
}
