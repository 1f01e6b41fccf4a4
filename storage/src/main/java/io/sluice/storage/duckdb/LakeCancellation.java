package io.sluice.storage.duckdb;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Cancels a lake query from another thread, whether it is still planning, computing its first rows,
 * or streaming. Cancelling before the query starts makes it fail at once.
 */
public final class LakeCancellation {
    static final String CANCELED_BY_USER = "canceling statement due to user request";

    private Statement statement;
    private boolean cancelled;
    private String reason = CANCELED_BY_USER;

    public void cancel() {
        cancel(CANCELED_BY_USER);
    }

    /** Cancels with {@code reason} as the error message, unless already cancelled. */
    public void cancel(String reason) {
        Statement toCancel;
        synchronized (this) {
            if (!cancelled) {
                this.reason = reason;
            }
            cancelled = true;
            toCancel = statement;
        }
        if (toCancel != null) {
            try {
                toCancel.cancel();
            } catch (SQLException e) {
                // The statement finished or closed in the meantime: nothing left to cancel.
            }
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Why the query was cancelled, as its error message. */
    public synchronized String reason() {
        return reason;
    }

    SluiceException failure(Throwable cause) {
        return new SluiceException(ErrorCode.QUERY_CANCELED, reason(), cause);
    }

    synchronized boolean attach(Statement statement) {
        this.statement = statement;
        return !cancelled;
    }

    synchronized void detach() {
        this.statement = null;
    }
}
