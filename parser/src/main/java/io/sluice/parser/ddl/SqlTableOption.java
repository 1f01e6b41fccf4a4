package io.sluice.parser.ddl;

import static java.util.Objects.requireNonNull;

import io.sluice.parser.SluiceSqlDialect;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * One {@code key = value} entry of a {@code WITH (...)} list.
 *
 * <p>The key is written either as a (dotted) identifier or as a string literal, so both {@code
 * format = 'json'} and {@code 'json.unstructured' = true} are accepted; {@link #key()} is the same
 * in either spelling. The value is a literal or a bare identifier.
 */
public final class SqlTableOption extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

    private final String key;
    private final SqlParserPos keyPosition;
    private final SqlNode value;

    public SqlTableOption(String key, SqlParserPos keyPosition, SqlNode value, SqlParserPos pos) {
        super(pos);
        this.key = requireNonNull(key, "key is null");
        this.keyPosition = requireNonNull(keyPosition, "keyPosition is null");
        this.value = requireNonNull(value, "value is null");
    }

    /** The option name, e.g. {@code connector} or {@code json.unstructured}. */
    public String key() {
        return key;
    }

    /** Where the key was written, for error messages about unknown or invalid options. */
    public SqlParserPos keyPosition() {
        return keyPosition;
    }

    /** The value as parsed: a {@link SqlLiteral} or a {@link SqlIdentifier}. */
    public SqlNode value() {
        return value;
    }

    /**
     * The value as plain text: {@code 'x'} gives {@code x}, {@code true} gives {@code true}, {@code
     * 10} gives {@code 10}, {@code INTERVAL '10' SECOND} gives {@code 10s}, {@code ARRAY['a', 'b']}
     * gives {@code a,b}, an identifier gives its name.
     */
    public String valueAsString() {
        return asString(value);
    }

    private static String asString(SqlNode value) {
        if (value instanceof SqlIdentifier identifier) {
            return String.join(".", identifier.names);
        }
        if (value instanceof SqlIntervalLiteral interval
                && interval.getTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
            // Options take durations as 10s or 500ms, which INTERVAL '10' SECOND becomes.
            long millis = interval.getValueAs(Long.class);
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
        if (value instanceof SqlCall call && call.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
            // A list option is a comma-separated string, as connectors read it.
            List<String> elements = new ArrayList<>();
            for (SqlNode element : call.getOperandList()) {
                elements.add(asString(element));
            }
            return String.join(",", elements);
        }
        if (value instanceof SqlLiteral literal) {
            Object plain = literal.toValue();
            return plain == null ? "null" : plain.toString();
        }
        return value.toString();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createCharString(key, keyPosition), value);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (SluiceSqlDialect.isPlainIdentifier(key)) {
            writer.identifier(key, false);
        } else {
            writer.literal(writer.getDialect().quoteStringLiteral(key));
        }
        writer.keyword("=");
        value.unparse(writer, 0, 0);
    }

    static void unparseList(SqlWriter writer, List<SqlTableOption> tableOptions) {
        if (tableOptions.isEmpty()) {
            return;
        }
        writer.keyword("WITH");
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlTableOption option : tableOptions) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
