package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a statement needs and returns, known without running it.
 *
 * @param parameterTypes one entry per placeholder ({@code $1}, {@code $2}, ...)
 * @param resultColumns the columns of a row-returning statement; empty for statements that return
 *     no rows (answered with NoData)
 */
public record PgStatementDescription(
        List<PgType> parameterTypes, Optional<List<PgColumn>> resultColumns) {
    public PgStatementDescription {
        parameterTypes = List.copyOf(requireNonNull(parameterTypes, "parameterTypes is null"));
        resultColumns = requireNonNull(resultColumns, "resultColumns is null").map(List::copyOf);
    }

    public static PgStatementDescription noData(List<PgType> parameterTypes) {
        return new PgStatementDescription(parameterTypes, Optional.empty());
    }

    public static PgStatementDescription rows(
            List<PgType> parameterTypes, List<PgColumn> resultColumns) {
        return new PgStatementDescription(parameterTypes, Optional.of(resultColumns));
    }
}
