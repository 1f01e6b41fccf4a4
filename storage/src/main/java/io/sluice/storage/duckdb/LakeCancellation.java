package io.sluice.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Cancels a lake query from another thread, whether it is still planning, computing its first rows,
 * or streaming. Cancelling before the query starts makes it fail at once.
 */
public final class LakeCancellation {
    private Statement statement;
    private boolean cancelled;

    public void cancel() {
        Statement toCancel;
        synchronized (this) {
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

    synchronized boolean attach(Statement statement) {
        this.statement = statement;
        return !cancelled;
    }

    synchronized void detach() {
        this.statement = null;
    }
}
