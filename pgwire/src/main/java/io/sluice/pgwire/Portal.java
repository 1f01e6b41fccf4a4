package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A bound statement. Its result is produced on first Describe or Execute and then read across as
 * many Execute messages as the client's row limit asks for.
 */
final class Portal {
    private final String name;
    private final PreparedStatement statement;
    private final List<Object> parameters;
    private final List<Integer> resultFormatCodes;
    private PgResult result;
    private boolean closed;

    Portal(
            String name,
            PreparedStatement statement,
            List<Object> parameters,
            List<Integer> resultFormatCodes) {
        this.name = requireNonNull(name, "name is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.resultFormatCodes = List.copyOf(resultFormatCodes);
    }

    String name() {
        return name;
    }

    PreparedStatement statement() {
        return statement;
    }

    List<Object> parameters() {
        return parameters;
    }

    PgResult result() {
        return result;
    }

    void setResult(PgResult result) {
        this.result = requireNonNull(result, "result is null");
    }

    /** Format of every column: none given means text, one means all, otherwise one per column. */
    List<PgFormat> resultFormats(int columnCount) {
        return formats(resultFormatCodes, columnCount);
    }

    static List<PgFormat> formats(List<Integer> codes, int count) {
        if (codes.size() > 1 && codes.size() != count) {
            throw new PgException(
                    PgSqlState.PROTOCOL_VIOLATION,
                    "bind message has "
                            + codes.size()
                            + " result formats but query has "
                            + count
                            + " columns");
        }
        List<PgFormat> formats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            formats.add(
                    codes.isEmpty()
                            ? PgFormat.TEXT
                            : PgFormat.fromCode(codes.get(codes.size() == 1 ? 0 : i)));
        }
        return formats;
    }

    /** Releases the result once; later calls do nothing. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (result != null) {
            result.close();
        }
    }
}
