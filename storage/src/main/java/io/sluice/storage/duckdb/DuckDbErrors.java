package io.sluice.storage.duckdb;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.sql.SQLException;

/** Turns DuckDB's errors into Sluice errors, keeping DuckDB's message for the user. */
final class DuckDbErrors {
    private DuckDbErrors() {}

    static SluiceException translate(SQLException e) {
        String message = e.getMessage() == null ? "lake query failed" : e.getMessage().trim();
        return new SluiceException(codeOf(message), message, e);
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
