package io.sluice.parser;

import io.sluice.parser.impl.SluiceSqlParserImpl;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.util.SourceStringReader;

/**
 * The dialect Sluice SQL is written back in (SHOW CREATE, plans, logs): Postgres conventions, with
 * identifiers quoted only when the Sluice parser would otherwise misread them.
 */
public final class SluiceSqlDialect extends PostgresqlSqlDialect {
    public static final SluiceSqlDialect INSTANCE = new SluiceSqlDialect();

    // Unquoted identifiers fold to lower case, so anything else must be quoted to survive a
    // re-parse.
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private static final SqlAbstractParserImpl.Metadata METADATA =
            SluiceSqlParserImpl.FACTORY.getParser(new SourceStringReader("")).getMetadata();

    private SluiceSqlDialect() {
        super(PostgresqlSqlDialect.DEFAULT_CONTEXT);
    }

    /**
     * Whether {@code name} can be written without quotes and reads back as the same identifier: it
     * is lower case and not a reserved word of the Sluice grammar.
     */
    public static boolean isPlainIdentifier(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches()
                && !METADATA.isReservedWord(name.toUpperCase(Locale.ROOT));
    }

    @Override
    protected boolean identifierNeedsQuote(String val) {
        return !isPlainIdentifier(val);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call.getOperator() == SqlLibraryOperators.INFIX_CAST) {
            // Calcite writes the operand without regard to precedence, which turns
            // (a ->> 'k')::int into a ->> ('k'::int) on the way back in.
            SqlOperator cast = call.getOperator();
            call.operand(0).unparse(writer, leftPrec, cast.getLeftPrec());
            writer.sep("::");
            call.operand(1).unparse(writer, cast.getRightPrec(), rightPrec);
            return;
        }
        super.unparseCall(writer, call, leftPrec, rightPrec);
    }
}
