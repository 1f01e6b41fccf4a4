package io.sluice.storage.duckdb;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBPreparedStatement;

/** Turns DuckDB's errors into Sluice errors, keeping DuckDB's message for the user. */
final class DuckDbErrors {
    private static final int DIAGNOSTIC_CHUNKS = 16;

    private DuckDbErrors() {}

    static SluiceException translate(SQLException e) {
        String message = e.getMessage() == null ? "lake query failed" : e.getMessage().trim();
        ErrorCode code = codeOf(message);
        if (code == ErrorCode.PAYLOAD_TOO_LARGE) {
            message = "lake query ran out of memory (lake.query.memory_limit): " + message;
        }
        return new SluiceException(code, message, e);
    }

    /**
     * Whether DuckDB's JDBC driver lost the real error: with streamed results it reports any
     * failure during execution as an invalid result set.
     */
    static boolean isLostError(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("Invalid result set");
    }

    /**
     * Runs {@code sql} again through the driver's chunked interface, which keeps DuckDB's error,
     * and returns that error; the original one when the query now succeeds. Reads a bounded number
     * of chunks: the errors lost are those raised before the first rows are returned.
     */
    static SQLException diagnose(
            Connection connection, String sql, LakeCancellation cancellation, SQLException lost) {
        try (DuckDBPreparedStatement statement =
                connection.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class)) {
            if (!cancellation.attach(statement)) {
                return lost;
            }
            try (DuckDBChunkedResult result = statement.query()) {
                for (int chunk = 0; chunk < DIAGNOSTIC_CHUNKS && result.nextChunk(); chunk++) {
                    // Only the failure matters.
                }
            }
            return lost;
        } catch (SQLException e) {
            return e;
        } catch (RuntimeException e) {
            return new SQLException(e.getMessage(), e);
        } finally {
            cancellation.detach();
        }
    }

    static ErrorCode codeOf(String message) {
        if (message.startsWith("Parser Error")) {
            return ErrorCode.SYNTAX_ERROR;
        }
        if (message.startsWith("Catalog Error")) {
            if (message.contains("Table with name") || message.contains("Table Function")) {
                return message.contains("Table Function")
                        ? ErrorCode.UNDEFINED_FUNCTION
                        : ErrorCode.UNDEFINED_TABLE;
            }
            if (message.contains("Function with name")) {
                return ErrorCode.UNDEFINED_FUNCTION;
            }
            return ErrorCode.UNDEFINED_OBJECT;
        }
        if (message.startsWith("Binder Error")) {
            if (message.contains("column") && message.contains("not found")) {
                return ErrorCode.UNDEFINED_COLUMN;
            }
            if (message.contains("function")) {
                return ErrorCode.UNDEFINED_FUNCTION;
            }
            return ErrorCode.DATATYPE_MISMATCH;
        }
        if (message.startsWith("Permission Error")
                || message.contains("disabled by configuration")
                || message.contains("Cannot change")
                || message.contains("configuration has been locked")) {
            return ErrorCode.INSUFFICIENT_PRIVILEGE;
        }
        if (message.startsWith("INTERRUPT") || message.contains("Interrupted")) {
            return ErrorCode.QUERY_CANCELED;
        }
        if (message.startsWith("Out of Memory Error")) {
            return ErrorCode.PAYLOAD_TOO_LARGE;
        }
        if (message.startsWith("Not implemented Error")) {
            return ErrorCode.FEATURE_NOT_SUPPORTED;
        }
        if (message.startsWith("Conversion Error")
                || message.startsWith("Invalid Input Error")
                || message.startsWith("Out of Range Error")
                || message.startsWith("Constraint Error")) {
            return ErrorCode.DATA_EXCEPTION;
        }
        if (message.startsWith("IO Error") || message.startsWith("HTTP Error")) {
            return ErrorCode.EXTERNAL_ERROR;
        }
        return ErrorCode.INTERNAL_ERROR;
    }
}
