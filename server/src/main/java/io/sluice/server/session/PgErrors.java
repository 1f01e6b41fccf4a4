package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.parser.SluiceParseException;
import io.sluice.pgwire.PgException;
import io.sluice.pgwire.PgSeverity;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping from Sluice's errors to pgwire ErrorResponses. */
final class PgErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PgErrors.class);

    private PgErrors() {}

    static PgException toPg(Throwable error) {
        if (error instanceof PgException pgException) {
            return pgException;
        }
        if (error instanceof SluiceParseException parse) {
            return new PgException(
                    PgSeverity.ERROR,
                    ErrorCode.SYNTAX_ERROR.sqlState(),
                    parse.getMessage(),
                    Optional.empty(),
                    Optional.empty(),
                    OptionalInt.of(parse.offset() + 1),
                    parse);
        }
        if (error instanceof SluiceException sluice) {
            OptionalInt position =
                    sluice.position().isPresent()
                            ? OptionalInt.of(sluice.position().getAsInt() + 1)
                            : OptionalInt.empty();
            if (sluice.errorCode() == ErrorCode.INTERNAL_ERROR) {
                LOG.error("internal error", sluice);
            }
            return new PgException(
                    PgSeverity.ERROR,
                    sluice.errorCode().sqlState(),
                    sluice.getMessage(),
                    Optional.empty(),
                    Optional.empty(),
                    position,
                    sluice);
        }
        LOG.error("unexpected error", error);
        String message =
                error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new PgException(ErrorCode.INTERNAL_ERROR.sqlState(), "internal error: " + message);
    }
}
