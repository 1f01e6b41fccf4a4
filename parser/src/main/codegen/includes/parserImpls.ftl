<#--
  Sluice statements and operators, spliced into Calcite's Parser.jj through the hooks named in config.fmpp.
  Note: "options" is a JavaCC reserved word, so option lists are called tableOptions below.
-->

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * Parses {@code key = value}; the key is a (dotted) identifier or a quoted string, the value a
 * literal (string, number, boolean, interval), an array {@code ARRAY['a', 'b']} or an identifier.
 */
SqlTableOption TableOption() :
{
    final SqlIdentifier keyIdentifier;
    final SqlNode keyLiteral;
    final String key;
    final SqlParserPos keyPos;
    final SqlNode value;
}
{
    (
        keyIdentifier = CompoundIdentifier() {
            key = String.join(".", keyIdentifier.names);
            keyPos = keyIdentifier.getParserPosition();
        }
    |
        keyLiteral = StringLiteral() {
            key = SqlLiteral.unchain(keyLiteral).getValueAs(String.class);
            keyPos = keyLiteral.getParserPosition();
        }
    )
    <EQ>
    (
        LOOKAHEAD(2) value = Literal()
    |
        value = ArrayConstructor()
    |
        value = SimpleIdentifier()
    )
    {
        return new SqlTableOption(key, keyPos, value, keyPos.plus(value.getParserPosition()));
    }
}

/** Parses {@code ( key = value, ... )}. */
void TableOptionList(List<SqlTableOption> tableOptions) :
{
    SqlTableOption option;
}
{
    <LPAREN>
    [
        option = TableOption() { tableOptions.add(option); }
        (
            <COMMA> option = TableOption() { tableOptions.add(option); }
        )*
    ]
    <RPAREN>
}

/**
 * Parses a column definition, a table-level {@code PRIMARY KEY (a, b)} or
 * {@code WATERMARK FOR column [AS expr]}.
 */
void TableElement(List<SqlColumn> columns, List<SqlIdentifier> primaryKey,
    List<SqlWatermark> watermarks) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean notNull = false;
    SqlNode metadataKey = null;
    SqlNode generated = null;
    final Span s;
    final SqlNodeList keyColumns;
    final SqlIdentifier watermarkColumn;
    SqlNode watermarkExpression = null;
}
{
    LOOKAHEAD(2) <WATERMARK> { s = span(); } <FOR> watermarkColumn = SimpleIdentifier()
    [
        <AS> watermarkExpression = Expression(ExprContext.ACCEPT_NON_QUERY)
    ]
    {
        watermarks.add(new SqlWatermark(s.end(this), watermarkColumn, watermarkExpression));
    }
|
    name = SimpleIdentifier() { s = span(); }
    type = DataType()
    (
        <NOT> <NULL> { notNull = true; }
    |
        <NULL> { notNull = false; }
    |
        <PRIMARY> <KEY> { primaryKey.add(name); }
    |
        <METADATA> <FROM> metadataKey = StringLiteral()
    |
        <GENERATED> <ALWAYS> <AS> <LPAREN>
        generated = Expression(ExprContext.ACCEPT_NON_QUERY)
        <RPAREN>
    )*
    {
        columns.add(new SqlColumn(name, type, notNull, metadataKey, generated, s.end(this)));
    }
|
    <PRIMARY> <KEY> keyColumns = ParenthesizedSimpleIdentifierList() {
        for (SqlNode keyColumn : keyColumns) {
            primaryKey.add((SqlIdentifier) keyColumn);
        }
    }
}

/** Parses {@code TABLE [IF NOT EXISTS] name [(elements)] [WITH (options)]} after CREATE. */
SqlCreate SqlCreateSluiceTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    boolean hasColumnList = false;
    final List<SqlColumn> columns = new ArrayList<SqlColumn>();
    final List<SqlIdentifier> primaryKey = new ArrayList<SqlIdentifier>();
    final List<SqlWatermark> watermarks = new ArrayList<SqlWatermark>();
    final List<SqlTableOption> tableOptions = new ArrayList<SqlTableOption>();
}
{
    <TABLE> ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    [
        <LPAREN> { hasColumnList = true; }
        TableElement(columns, primaryKey, watermarks)
        (
            <COMMA> TableElement(columns, primaryKey, watermarks)
        )*
        <RPAREN>
    ]
    [
        <WITH> TableOptionList(tableOptions)
    ]
    {
        if (watermarks.size() > 1) {
            throw new ParseException("a table has at most one WATERMARK clause");
        }
        return new SqlCreateSluiceTable(s.end(this), replace, ifNotExists, name, hasColumnList,
            columns, primaryKey, watermarks.isEmpty() ? null : watermarks.get(0), tableOptions);
    }
}

/** Parses {@code CONNECTION PROFILE [IF NOT EXISTS] name WITH (options)} after CREATE. */
SqlCreate SqlCreateConnectionProfile(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlTableOption> tableOptions = new ArrayList<SqlTableOption>();
}
{
    <CONNECTION> <PROFILE> ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    <WITH> TableOptionList(tableOptions)
    {
        return new SqlCreateConnectionProfile(s.end(this), replace, ifNotExists, name, tableOptions);
    }
}

/** Parses {@code PIPELINE [IF NOT EXISTS] name [WITH (options)] AS INSERT ...} after CREATE. */
SqlCreate SqlCreatePipeline(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlTableOption> tableOptions = new ArrayList<SqlTableOption>();
    final SqlNode insert;
}
{
    <PIPELINE> ifNotExists = IfNotExistsOpt() name = CompoundIdentifier()
    [
        <WITH> TableOptionList(tableOptions)
    ]
    <AS> insert = SqlInsert()
    {
        return new SqlCreatePipeline(s.end(this), replace, ifNotExists, name, tableOptions,
            (SqlInsert) insert);
    }
}

/** Parses {@code USER name [WITH] PASSWORD 'secret'} after CREATE. */
SqlCreate SqlCreateUser(Span s, boolean replace) :
{
    final SqlIdentifier name;
    final SqlNode password;
}
{
    <USER> name = SimpleIdentifier() [ <WITH> ] <PASSWORD> password = StringLiteral() {
        return new SqlCreateUser(s.end(this), replace, name, password);
    }
}

/** Parses {@code USER [IF EXISTS] name} after DROP. */
SqlDrop SqlDropUser(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <USER> ifExists = IfExistsOpt() name = SimpleIdentifier() {
        return new SqlDropUser(s.end(this), ifExists, name);
    }
}

/**
 * Parses {@code ALTER PIPELINE name SET (options)} and {@code ALTER USER name [WITH] PASSWORD 'x'};
 * core's ALTER SYSTEM | SESSION is left to core.
 */
SqlNode SqlAlterSluice() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlTableOption> tableOptions = new ArrayList<SqlTableOption>();
    final SqlNode password;
}
{
    <ALTER> { s = span(); }
    (
        <PIPELINE> name = CompoundIdentifier() <SET> TableOptionList(tableOptions) {
            return new SqlAlterPipeline(s.end(this), name, tableOptions);
        }
    |
        <USER> name = SimpleIdentifier() [ <WITH> ] <PASSWORD> password = StringLiteral() {
            return new SqlAlterUser(s.end(this), name, password);
        }
    )
}

/**
 * Parses {@code EXPLAIN [PLAN FOR] statement}. Core's longer forms ({@code EXPLAIN PLAN WITH TYPE
 * FOR ...}) are not offered: Sluice prints its own plan.
 */
SqlNode SqlExplainShort() :
{
    final Span s;
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); }
    [ LOOKAHEAD(2) <PLAN> <FOR> ]
    stmt = SqlQueryOrDml() {
        return new SqlExplainStatement(s.end(stmt), stmt, nDynamicParams);
    }
}

/** Parses {@code TABLE [IF EXISTS] name} after DROP. */
SqlDrop SqlDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = IfExistsOpt() name = CompoundIdentifier() {
        return SqlDdlNodes.dropTable(s.end(this), ifExists, name);
    }
}

/** Parses {@code CONNECTION PROFILE [IF EXISTS] name} after DROP. */
SqlDrop SqlDropConnectionProfile(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <CONNECTION> <PROFILE> ifExists = IfExistsOpt() name = CompoundIdentifier() {
        return new SqlDropConnectionProfile(s.end(this), ifExists, name);
    }
}

/** Parses {@code VALIDATE CONNECTION PROFILE name [WITH (options)]}. */
SqlNode SqlValidateConnectionProfile() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlTableOption> tableOptions = new ArrayList<SqlTableOption>();
}
{
    <VALIDATE> { s = span(); } <CONNECTION> <PROFILE> name = CompoundIdentifier()
    [ <WITH> TableOptionList(tableOptions) ]
    {
        return new SqlValidateConnectionProfile(s.end(this), name, tableOptions);
    }
}

SqlNode SqlStopPipeline() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <STOP> { s = span(); } <PIPELINE> name = CompoundIdentifier() {
        return new SqlPipelineCommand(s.end(this), SqlPipelineCommand.Action.STOP, false, name);
    }
}

SqlNode SqlStartPipeline() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <START> { s = span(); } <PIPELINE> name = CompoundIdentifier() {
        return new SqlPipelineCommand(s.end(this), SqlPipelineCommand.Action.START, false, name);
    }
}

SqlNode SqlDropPipeline() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <DROP> { s = span(); } <PIPELINE> ifExists = IfExistsOpt() name = CompoundIdentifier() {
        return new SqlPipelineCommand(s.end(this), SqlPipelineCommand.Action.DROP, ifExists, name);
    }
}

/**
 * Parses SHOW TABLES | PIPELINES | CONNECTION PROFILES | CREATE TABLE name | CREATE PIPELINE name
 * | CHECKPOINTS FOR PIPELINE name | ALL | name.
 * The listing words are non-reserved, so they are tried before the generic variable form.
 */
SqlNode SqlShowStatement() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <SHOW> { s = span(); }
    (
        LOOKAHEAD(1) <TABLES> {
            return new SqlShow(s.end(this), SqlShow.Kind.TABLES, null);
        }
    |
        LOOKAHEAD(1) <PIPELINES> {
            return new SqlShow(s.end(this), SqlShow.Kind.PIPELINES, null);
        }
    |
        LOOKAHEAD(2) <CONNECTION> <PROFILES> {
            return new SqlShow(s.end(this), SqlShow.Kind.CONNECTION_PROFILES, null);
        }
    |
        LOOKAHEAD(2) <CREATE> <TABLE> name = CompoundIdentifier() {
            return new SqlShow(s.end(this), SqlShow.Kind.CREATE_TABLE, name);
        }
    |
        <CREATE> <PIPELINE> name = CompoundIdentifier() {
            return new SqlShow(s.end(this), SqlShow.Kind.CREATE_PIPELINE, name);
        }
    |
        LOOKAHEAD(2) <CHECKPOINTS> <FOR> <PIPELINE> name = CompoundIdentifier() {
            return new SqlShow(s.end(this), SqlShow.Kind.CHECKPOINTS, name);
        }
    |
        <ALL> {
            return new SqlShow(s.end(this), SqlShow.Kind.ALL, null);
        }
    |
        name = CompoundIdentifier() {
            return new SqlShow(s.end(this), SqlShow.Kind.VARIABLE, name);
        }
    )
}

/** Parses the Postgres JSON operators {@code ->} (reusing the lambda arrow token) and {@code ->>}. */
void JsonAccess(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
    final SqlNode e;
}
{
    (
        <LAMBDA> { op = SluiceOperators.JSON_GET; }
    |
        <JSON_GET_TEXT> { op = SluiceOperators.JSON_GET_TEXT; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    e = Expression3(ExprContext.ACCEPT_SUB_QUERY) {
        list.add(e);
    }
}

/** Parses the Postgres infix cast {@code expr::type}. */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    dt = DataType() {
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, getPos()));
        list.add(dt);
    }
}

/** OPTIMIZE table [WHERE partition_predicate] */
SqlNode SqlOptimizeTable() :
{
    final Span s;
    final SqlIdentifier name;
    SqlNode where = null;
}
{
    <OPTIMIZE> { s = span(); } name = CompoundIdentifier()
    [ <WHERE> where = Expression(ExprContext.ACCEPT_NON_QUERY) ]
    {
        return new SqlTableMaintenance(
            s.end(this), SqlTableMaintenance.Action.OPTIMIZE, name, where, null);
    }
}

/** VACUUM table [RETAIN n HOURS] */
SqlNode SqlVacuumTable() :
{
    final Span s;
    final SqlIdentifier name;
    SqlNumericLiteral hours = null;
}
{
    <VACUUM> { s = span(); } name = CompoundIdentifier()
    [ <RETAIN> hours = UnsignedNumericLiteral() <HOURS> ]
    {
        return new SqlTableMaintenance(
            s.end(this), SqlTableMaintenance.Action.VACUUM, name, null, hours);
    }
}
