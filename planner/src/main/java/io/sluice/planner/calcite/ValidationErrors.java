package io.sluice.planner.calcite;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.Positions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;

/** Turns Calcite's validation errors into Sluice errors with Postgres codes and wording. */
public final class ValidationErrors {
    private static final Pattern OBJECT_NOT_FOUND =
            Pattern.compile("(?:Object|Table) '([^']*)' not found.*", Pattern.DOTALL);
    private static final Pattern COLUMN_NOT_FOUND =
            Pattern.compile("Column '([^']*)' not found.*", Pattern.DOTALL);
    private static final Pattern UNKNOWN_IDENTIFIER =
            Pattern.compile("Unknown identifier '([^']*)'.*", Pattern.DOTALL);
    // With BABEL conformance a select item may name an earlier item; an unknown name then reads
    // as a self-reference.
    private static final Pattern SELF_REFERENCE =
            Pattern.compile(
                    "The definition of column '([^']*)' depends on itself.*", Pattern.DOTALL);
    private static final Pattern NO_FUNCTION =
            Pattern.compile("No match found for function signature (.*)", Pattern.DOTALL);

    private ValidationErrors() {}

    public static SluiceException toSluiceException(String sql, CalciteContextException e) {
        String message =
                e.getCause() != null && e.getCause().getMessage() != null
                        ? e.getCause().getMessage()
                        : e.getMessage();
        int offset = Positions.offset(sql, e.getPosLine(), e.getPosColumn());
        Matcher matcher;
        if ((matcher = OBJECT_NOT_FOUND.matcher(message)).matches()) {
            return error(
                    ErrorCode.UNDEFINED_TABLE,
                    "relation \"" + matcher.group(1) + "\" does not exist",
                    offset,
                    e);
        }
        if ((matcher = COLUMN_NOT_FOUND.matcher(message)).matches()
                || (matcher = UNKNOWN_IDENTIFIER.matcher(message)).matches()
                || (matcher = SELF_REFERENCE.matcher(message)).matches()) {
            return error(
                    ErrorCode.UNDEFINED_COLUMN,
                    "column \"" + matcher.group(1) + "\" does not exist",
                    offset,
                    e);
        }
        if ((matcher = NO_FUNCTION.matcher(message)).matches()) {
            String signature = matcher.group(1);
            int paren = signature.indexOf('(');
            String name =
                    (paren < 0 ? signature : signature.substring(0, paren))
                            .toLowerCase(Locale.ROOT);
            String arguments = paren < 0 ? "" : signature.substring(paren);
            return error(
                    ErrorCode.UNDEFINED_FUNCTION,
                    "function " + name + arguments + " does not exist" + FunctionNames.hint(name),
                    offset,
                    e);
        }
        if (message.startsWith("Cannot apply")
                || message.startsWith("Cannot assign")
                || message.startsWith("Invalid compare")
                || message.contains("Cannot infer")
                || message.startsWith("Cast function cannot convert")) {
            return error(ErrorCode.DATATYPE_MISMATCH, message, offset, e);
        }
        return error(ErrorCode.SYNTAX_ERROR, message, offset, e);
    }

    private static SluiceException error(
            ErrorCode code, String message, int offset, Throwable cause) {
        return new SluiceException(code, message, offset, cause);
    }
}
