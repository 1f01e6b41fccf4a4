package io.sluice.pgwire;

import java.util.List;
import java.util.Map;

/**
 * The server side of one client connection. The protocol layer calls {@link #describe}, {@link
 * #execute}, {@link #parameterStatus}, {@link #pollNotices} and {@link #close} from one thread per
 * connection (never the network event loop), one call at a time, so these may block. {@link
 * #cancel} comes from another thread.
 *
 * <p>A simple Query holding several statements is split by the protocol layer (quotes, dollar
 * quotes and comments respected); each statement reaches {@link #execute} on its own, without the
 * trailing semicolon.
 *
 * <p>Transaction blocks are the session's business, but the protocol layer reports the status in
 * ReadyForQuery from the command tags: {@code BEGIN}/{@code START TRANSACTION} enter a block,
 * {@code COMMIT}/{@code ROLLBACK}/{@code END}/{@code ABORT} leave it, and an error inside a block
 * marks it failed; while failed, statements other than COMMIT/ROLLBACK are answered with {@code
 * 25P02} without reaching the session.
 */
public interface PgSession extends AutoCloseable {
    /**
     * Describes a statement without running it (Parse + Describe S).
     *
     * @param parameterTypes the types the client declared, {@link PgType#UNKNOWN} where it left the
     *     choice to the server; may be shorter than the number of placeholders
     * @return parameter types for every placeholder, and the result columns of a statement that
     *     returns rows. A session must give the columns of a row-returning statement here: pgjdbc
     *     relies on them whenever it describes a statement instead of a portal.
     */
    PgStatementDescription describe(String sql, List<PgType> parameterTypes);

    /**
     * Runs one statement.
     *
     * @param parameters bound values, {@code null} for SQL NULL, typed as described in {@link
     *     PgType}; a parameter of type {@link PgType#UNKNOWN} arrives as its text String
     * @throws PgException for errors the client should see with their SQLSTATE; {@code 57014} after
     *     {@link #cancel}
     */
    PgResult execute(String sql, List<Object> parameters);

    /**
     * Asks the statement running now (if any) to stop, which then fails with {@code 57014}. Called
     * from a network thread when a CancelRequest with this connection's key arrives, or when the
     * client disconnects; must not block.
     */
    void cancel();

    /**
     * Run-time parameters reported to the client at startup and again, for changed values, after
     * every {@code SET}. Entries here override the protocol layer's defaults (server_version,
     * server_encoding, client_encoding, DateStyle, IntervalStyle, TimeZone, integer_datetimes,
     * standard_conforming_strings, application_name, is_superuser, session_authorization).
     */
    Map<String, String> parameterStatus();

    /** Warnings and notices raised by the last call; each is sent once, as a NoticeResponse. */
    default List<PgNotice> pollNotices() {
        return List.of();
    }

    /** Releases the session when the connection ends; must not throw. */
    @Override
    void close();
}
