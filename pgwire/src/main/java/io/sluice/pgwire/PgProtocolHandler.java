package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one connection. It runs on an executor of its own, never on the
 * event loop, so the session may block.
 *
 * <pre>
 * startup:   StartupMessage → [AuthenticationSASL → SASLInitialResponse → SASLContinue
 *            → SASLResponse → SASLFinal] → AuthenticationOk, ParameterStatus*, BackendKeyData,
 *            ReadyForQuery
 * simple:    Query → (RowDescription, DataRow*, CommandComplete | CommandComplete
 *            | EmptyQueryResponse | ErrorResponse)* → ReadyForQuery
 * extended:  Parse → ParseComplete; Bind → BindComplete; Describe → ParameterDescription?,
 *            RowDescription | NoData; Execute → DataRow*, CommandComplete | PortalSuspended;
 *            Close → CloseComplete; Sync → ReadyForQuery. After an error everything up to Sync
 *            is skipped.
 * </pre>
 *
 * Output is gathered in one buffer and written at Sync, Flush, the end of a simple Query, or when
 * it grows large; a slow reader then holds the statement back instead of filling memory.
 */
final class PgProtocolHandler extends ChannelInboundHandlerAdapter
        implements BackendKeys.Cancellable {
    private static final Logger LOG = LoggerFactory.getLogger(PgProtocolHandler.class);
    private static final int WRITE_THRESHOLD = 64 * 1024;
    private static final Pattern TRANSACTION_EXIT =
            Pattern.compile("(?is)\\s*(COMMIT|ROLLBACK|END|ABORT)\\b.*");
    private static final Pattern ROLLBACK_TO_SAVEPOINT =
            Pattern.compile("(?is)\\s*ROLLBACK\\s+((WORK|TRANSACTION)\\s+)?TO\\b.*");

    private enum State {
        AWAITING_STARTUP,
        AWAITING_SASL_INITIAL,
        AWAITING_SASL_RESPONSE,
        READY,
        CLOSED
    }

    private final PgServerConfig config;
    private final BackendKeys backendKeys;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final Map<String, String> reportedParameters = new LinkedHashMap<>();

    private ChannelHandlerContext ctx;
    private ByteBuf out;
    private ChannelFuture lastWrite;
    private State state = State.AWAITING_STARTUP;
    private String user;
    private String database;
    private Map<String, String> startupParameters = Map.of();
    private ScramExchange scram;
    private PgSession session;
    private BackendKeys.Key backendKey;
    private boolean ignoreTillSync;
    private TransactionStatus transactionStatus = TransactionStatus.IDLE;
    private volatile boolean statementRunning;
    private volatile PgSession activeSession;

    PgProtocolHandler(PgServerConfig config, BackendKeys backendKeys) {
        this.config = requireNonNull(config, "config is null");
        this.backendKeys = requireNonNull(backendKeys, "backendKeys is null");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Called from a network thread: a matching CancelRequest, or the client went away. */
    @Override
    public void cancelRunningStatement() {
        PgSession target = activeSession;
        if (statementRunning && target != null) {
            target.cancel();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ClientMessage message = (ClientMessage) msg;
        try {
            if (state == State.CLOSED) {
                return;
            }
            dispatch(message);
        } finally {
            message.body().release();
        }
    }

    private void dispatch(ClientMessage message) {
        switch (state) {
            case AWAITING_STARTUP -> runStartupStep(() -> handleStartup(message.body()));
            case AWAITING_SASL_INITIAL, AWAITING_SASL_RESPONSE -> {
                if (message.type() != 'p') {
                    fatal(
                            PgSqlState.PROTOCOL_VIOLATION,
                            "expected SASL response, got message type " + message.type());
                    return;
                }
                runStartupStep(() -> handleSasl(message.body()));
            }
            case READY -> handleReady(message);
            case CLOSED -> {}
        }
    }

    private void handleReady(ClientMessage message) {
        char type = message.type();
        if (type == 'X') {
            close();
            return;
        }
        if (ignoreTillSync && type != 'S') {
            return;
        }
        ByteBuf body = message.body();
        statementRunning = true;
        try {
            switch (type) {
                case 'Q' -> handleSimpleQuery(readCString(body));
                case 'P' -> handleExtended(() -> handleParse(body));
                case 'B' -> handleExtended(() -> handleBind(body));
                case 'D' -> handleExtended(() -> handleDescribe(body));
                case 'E' -> handleExtended(() -> handleExecute(body));
                case 'C' -> handleExtended(() -> handleClose(body));
                case 'S' -> handleSync();
                case 'H' -> flushOutput();
                default ->
                        fatal(
                                PgSqlState.PROTOCOL_VIOLATION,
                                "invalid frontend message type " + (int) type);
            }
        } finally {
            statementRunning = false;
        }
    }

    // ---- startup and authentication

    private void runStartupStep(Runnable step) {
        try {
            step.run();
        } catch (Throwable t) {
            PgException error = toPgException(t);
            fatal(error.sqlState(), error.getMessage());
        }
    }

    private void handleStartup(ByteBuf body) {
        int version = body.readInt();
        int major = version >> 16;
        int minor = version & 0xFFFF;
        if (major != 3) {
            fatal(
                    PgSqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + major + "." + minor);
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> unsupportedOptions = new ArrayList<>();
        while (body.isReadable()) {
            String name = readCString(body);
            if (name.isEmpty()) {
                break;
            }
            String value = readCString(body);
            if (name.startsWith("_pq_.")) {
                unsupportedOptions.add(name);
            } else {
                parameters.put(name, value);
            }
        }
        if (minor > 0 || !unsupportedOptions.isEmpty()) {
            Messages.negotiateProtocolVersion(output(), 0, unsupportedOptions);
        }
        user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            fatal(
                    PgSqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
            return;
        }
        database = parameters.getOrDefault("database", user);
        startupParameters = Collections.unmodifiableMap(parameters);
        switch (config.authMode()) {
            case TRUST -> completeStartup();
            case SCRAM_SHA_256 -> {
                Messages.authenticationSasl(output(), List.of(ScramExchange.MECHANISM));
                flushOutput();
                state = State.AWAITING_SASL_INITIAL;
            }
        }
    }

    private void handleSasl(ByteBuf body) {
        if (state == State.AWAITING_SASL_INITIAL) {
            String mechanism = readCString(body);
            if (!mechanism.equals(ScramExchange.MECHANISM)) {
                fatal(
                        PgSqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "client selected an invalid SASL authentication mechanism");
                return;
            }
            int length = body.readInt();
            String clientFirst = body.readCharSequence(Math.max(length, 0), UTF_8).toString();
            scram = new ScramExchange(user, config.credentialStore().lookup(user));
            Messages.authenticationSaslContinue(output(), scram.handleClientFirst(clientFirst));
            flushOutput();
            state = State.AWAITING_SASL_RESPONSE;
            return;
        }
        String clientFinal = body.readCharSequence(body.readableBytes(), UTF_8).toString();
        String serverFinal = scram.handleClientFinal(clientFinal);
        Messages.authenticationSaslFinal(output(), serverFinal);
        completeStartup();
    }

    private void completeStartup() {
        session = config.sessionFactory().open(user, database, startupParameters);
        activeSession = session;
        Messages.authenticationOk(output());
        reportedParameters.putAll(defaultParameters());
        reportedParameters.putAll(session.parameterStatus());
        reportedParameters.forEach(
                (name, value) -> Messages.parameterStatus(output(), name, value));
        backendKey = backendKeys.register(this);
        Messages.backendKeyData(output(), backendKey.processId(), backendKey.secretKey());
        state = State.READY;
        Messages.readyForQuery(output(), transactionStatus);
        flushOutput();
    }

    private Map<String, String> defaultParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("server_version", config.serverVersion());
        parameters.put("server_encoding", "UTF8");
        parameters.put("client_encoding", "UTF8");
        parameters.put("DateStyle", "ISO, MDY");
        parameters.put("IntervalStyle", "postgres");
        parameters.put("TimeZone", startupParameters.getOrDefault("TimeZone", "Etc/UTC"));
        parameters.put("integer_datetimes", "on");
        parameters.put("standard_conforming_strings", "on");
        parameters.put("application_name", startupParameters.getOrDefault("application_name", ""));
        parameters.put("is_superuser", "off");
        parameters.put("session_authorization", user);
        parameters.put("default_transaction_read_only", "off");
        parameters.put("in_hot_standby", "off");
        return parameters;
    }

    // ---- simple query

    private void handleSimpleQuery(String sql) {
        List<String> queries = StatementSplitter.split(sql);
        if (queries.isEmpty()) {
            Messages.emptyQueryResponse(output());
        }
        for (String query : queries) {
            try {
                checkNotAborted(query);
                PgResult result = execute(query, List.of());
                try {
                    if (result instanceof PgResult.Rows rows) {
                        List<PgFormat> formats =
                                Collections.nCopies(rows.columns().size(), PgFormat.TEXT);
                        Messages.rowDescription(output(), rows.columns(), formats);
                        long count = sendRows(rows, formats, 0);
                        Messages.commandComplete(output(), rows.tag(count));
                    } else {
                        completeCommand(query, ((PgResult.Command) result).tag());
                    }
                } finally {
                    result.close();
                }
                sendNotices();
            } catch (Throwable t) {
                sendError(t);
                break;
            }
        }
        if (state == State.CLOSED) {
            return;
        }
        Messages.readyForQuery(output(), transactionStatus);
        flushOutput();
    }

    // ---- extended query

    private void handleExtended(Runnable step) {
        try {
            step.run();
        } catch (Throwable t) {
            sendError(t);
            ignoreTillSync = true;
        }
    }

    private void handleParse(ByteBuf body) {
        String name = readCString(body);
        String sql = readCString(body);
        int count = body.readUnsignedShort();
        List<PgType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(PgType.fromOid(body.readInt()));
        }
        if (StatementSplitter.split(sql).size() > 1) {
            throw new PgException(
                    PgSqlState.SYNTAX_ERROR,
                    "cannot insert multiple commands into a prepared statement");
        }
        checkNotAborted(sql);
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgException(
                    PgSqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        statements.put(name, new PreparedStatement(name, sql, types));
        Messages.parseComplete(output());
    }

    private void handleBind(ByteBuf body) {
        String portalName = readCString(body);
        String statementName = readCString(body);
        PreparedStatement statement = statement(statementName);
        List<Integer> parameterFormats = readShorts(body);
        int parameterCount = body.readUnsignedShort();
        List<PgFormat> formats = Portal.formats(parameterFormats, parameterCount);
        List<Object> parameters = new ArrayList<>(parameterCount);
        for (int i = 0; i < parameterCount; i++) {
            int length = body.readInt();
            if (length < 0) {
                parameters.add(null);
                continue;
            }
            byte[] bytes = ByteBufUtil.getBytes(body, body.readerIndex(), length);
            body.skipBytes(length);
            parameters.add(statement.parameterType(i).decode(bytes, formats.get(i)));
        }
        List<Integer> resultFormats = readShorts(body);
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new PgException(
                    PgSqlState.DUPLICATE_CURSOR, "cursor \"" + portalName + "\" already exists");
        }
        closePortal(portalName);
        portals.put(
                portalName,
                new Portal(
                        portalName,
                        statement,
                        Collections.unmodifiableList(parameters),
                        resultFormats));
        Messages.bindComplete(output());
    }

    private void handleDescribe(ByteBuf body) {
        char kind = (char) body.readByte();
        String name = readCString(body);
        if (kind == 'S') {
            PreparedStatement statement = statement(name);
            if (statement.isEmpty()) {
                Messages.parameterDescription(output(), List.of());
                Messages.noData(output());
                return;
            }
            PgStatementDescription description = describe(statement);
            List<PgType> parameterTypes = new ArrayList<>();
            for (PgType type : statement.parameterTypes()) {
                parameterTypes.add(type == PgType.UNKNOWN ? PgType.TEXT : type);
            }
            Messages.parameterDescription(output(), parameterTypes);
            Optional<List<PgColumn>> columns = description.resultColumns();
            if (columns.isPresent()) {
                Messages.rowDescription(
                        output(),
                        columns.get(),
                        Collections.nCopies(columns.get().size(), PgFormat.TEXT));
            } else {
                Messages.noData(output());
            }
        } else if (kind == 'P') {
            Portal portal = portal(name);
            if (portal.statement().isEmpty()) {
                Messages.noData(output());
                return;
            }
            // Postgres knows a portal's columns from planning; here the simplest sure way is to
            // run it now and keep the result for the Execute that follows.
            PgResult result = ensureResult(portal);
            if (result instanceof PgResult.Rows rows) {
                Messages.rowDescription(
                        output(), rows.columns(), portal.resultFormats(rows.columns().size()));
            } else {
                Messages.noData(output());
            }
        } else {
            throw new PgException(
                    PgSqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
        }
    }

    private void handleExecute(ByteBuf body) {
        String name = readCString(body);
        int maxRows = body.readInt();
        Portal portal = portal(name);
        if (portal.statement().isEmpty()) {
            Messages.emptyQueryResponse(output());
            return;
        }
        try {
            PgResult result = ensureResult(portal);
            if (result instanceof PgResult.Rows rows) {
                List<PgFormat> formats = portal.resultFormats(rows.columns().size());
                long count = sendRows(rows, formats, Math.max(maxRows, 0));
                if (maxRows > 0 && count == maxRows) {
                    Messages.portalSuspended(output());
                } else {
                    portal.close();
                    Messages.commandComplete(output(), rows.tag(count));
                }
            } else {
                completeCommand(portal.statement().sql(), ((PgResult.Command) result).tag());
            }
            sendNotices();
        } catch (RuntimeException | Error e) {
            closePortal(name);
            throw e;
        }
    }

    private void handleClose(ByteBuf body) {
        char kind = (char) body.readByte();
        String name = readCString(body);
        if (kind == 'S') {
            PreparedStatement statement = statements.remove(name);
            if (statement != null) {
                List<String> dependent = new ArrayList<>();
                portals.forEach(
                        (portalName, portal) -> {
                            if (portal.statement() == statement) {
                                dependent.add(portalName);
                            }
                        });
                dependent.forEach(this::closePortal);
            }
        } else if (kind == 'P') {
            closePortal(name);
        } else {
            throw new PgException(
                    PgSqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
        }
        Messages.closeComplete(output());
    }

    private void handleSync() {
        ignoreTillSync = false;
        if (transactionStatus == TransactionStatus.IDLE) {
            // Outside a transaction block, portals end with the implicit transaction.
            closeAllPortals();
        }
        Messages.readyForQuery(output(), transactionStatus);
        flushOutput();
    }

    // ---- execution

    private PgStatementDescription describe(PreparedStatement statement) {
        if (!statement.isDescribed()) {
            statement.setDescription(
                    requireNonNull(
                            session.describe(statement.sql(), statement.declaredTypes()),
                            "session returned no description"));
            sendNotices();
        }
        return statement.description();
    }

    private PgResult ensureResult(Portal portal) {
        if (portal.result() == null) {
            checkNotAborted(portal.statement().sql());
            portal.setResult(execute(portal.statement().sql(), portal.parameters()));
        }
        return portal.result();
    }

    private PgResult execute(String sql, List<Object> parameters) {
        return requireNonNull(session.execute(sql, parameters), "session returned no result");
    }

    /** Sends up to {@code limit} rows (0 = all) and returns how many were sent. */
    private long sendRows(PgResult.Rows rows, List<PgFormat> formats, int limit) {
        Iterator<Object[]> iterator = rows.rows();
        long count = 0;
        while ((limit == 0 || count < limit) && hasNext(iterator)) {
            Messages.dataRow(output(), iterator.next(), rows.columns(), formats);
            count++;
            if (out.readableBytes() >= WRITE_THRESHOLD) {
                writeWithBackpressure();
            }
        }
        return count;
    }

    /**
     * Before waiting on a streaming result, hands the rows gathered so far to the client: a preview
     * shows each row as it arrives instead of when the buffer fills.
     */
    private boolean hasNext(Iterator<Object[]> iterator) {
        if (iterator instanceof PgStreamingRows streaming
                && !streaming.rowReady()
                && out != null
                && out.isReadable()) {
            writeWithBackpressure();
        }
        return iterator.hasNext();
    }

    private void completeCommand(String sql, String tag) {
        Messages.commandComplete(output(), tag);
        String command = tag.toUpperCase(Locale.ROOT);
        if (command.equals("BEGIN") || command.equals("START TRANSACTION")) {
            if (transactionStatus == TransactionStatus.IDLE) {
                transactionStatus = TransactionStatus.IN_TRANSACTION;
            }
        } else if (command.equals("ROLLBACK") && ROLLBACK_TO_SAVEPOINT.matcher(sql).matches()) {
            transactionStatus = TransactionStatus.IN_TRANSACTION;
        } else if (command.equals("COMMIT") || command.equals("ROLLBACK")) {
            transactionStatus = TransactionStatus.IDLE;
        } else if (command.startsWith("SET")) {
            reportChangedParameters();
        }
    }

    private void reportChangedParameters() {
        session.parameterStatus()
                .forEach(
                        (name, value) -> {
                            if (!value.equals(reportedParameters.put(name, value))) {
                                Messages.parameterStatus(output(), name, value);
                            }
                        });
    }

    private void checkNotAborted(String sql) {
        if (transactionStatus == TransactionStatus.FAILED
                && !TRANSACTION_EXIT.matcher(sql).matches()) {
            throw new PgException(
                    PgSqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction"
                            + " block");
        }
    }

    private void sendNotices() {
        for (PgNotice notice : session.pollNotices()) {
            Messages.noticeResponse(output(), notice);
        }
    }

    private void sendError(Throwable t) {
        PgException error = toPgException(t);
        if (transactionStatus == TransactionStatus.IN_TRANSACTION) {
            transactionStatus = TransactionStatus.FAILED;
        }
        Messages.errorResponse(output(), error);
        if (session != null) {
            try {
                sendNotices();
            } catch (RuntimeException e) {
                LOG.debug("could not collect notices after an error", e);
            }
        }
        if (error.severity() == PgSeverity.FATAL) {
            close();
        }
    }

    private static PgException toPgException(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        if (t instanceof PgException pgException) {
            return pgException;
        }
        if (t instanceof IndexOutOfBoundsException && isMessageRead(t)) {
            // A frontend message shorter than its own fields say: the client's fault, not ours.
            return new PgException(
                    PgSqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
        }
        LOG.warn("statement failed with an unexpected exception", t);
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return new PgException(PgSqlState.INTERNAL_ERROR, message);
    }

    /** Whether {@code t} was thrown reading past the end of a message body. */
    private static boolean isMessageRead(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("io.netty.buffer.");
    }

    // ---- statements and portals

    private PreparedStatement statement(String name) {
        PreparedStatement statement = statements.get(name);
        if (statement == null) {
            throw new PgException(
                    PgSqlState.INVALID_SQL_STATEMENT_NAME,
                    name.isEmpty()
                            ? "unnamed prepared statement does not exist"
                            : "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new PgException(
                    PgSqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null) {
            closeQuietly(portal);
        }
    }

    private void closeAllPortals() {
        portals.values().forEach(PgProtocolHandler::closeQuietly);
        portals.clear();
    }

    private static void closeQuietly(Portal portal) {
        try {
            portal.close();
        } catch (RuntimeException e) {
            LOG.warn("closing portal {} failed", portal.name(), e);
        }
    }

    // ---- output

    private ByteBuf output() {
        if (out == null) {
            out = ctx.alloc().buffer(WRITE_THRESHOLD);
        }
        return out;
    }

    private void flushOutput() {
        if (out != null && out.isReadable()) {
            ByteBuf pending = out;
            out = null;
            lastWrite = ctx.writeAndFlush(pending, ctx.channel().newPromise());
        } else {
            ctx.flush();
        }
    }

    /**
     * Hands the gathered rows to the network and, when the socket buffer is full, waits until they
     * left: this thread belongs to the connection, so waiting holds back only this statement.
     */
    private void writeWithBackpressure() {
        flushOutput();
        if (!ctx.channel().isWritable() && lastWrite != null) {
            lastWrite.awaitUninterruptibly();
        }
        if (!ctx.channel().isActive()) {
            throw new PgException(
                    PgSqlState.QUERY_CANCELED, "connection closed while sending rows");
        }
    }

    private void fatal(String sqlState, String message) {
        Messages.errorResponse(output(), new PgException(PgSeverity.FATAL, sqlState, message));
        close();
    }

    private void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        flushOutput();
        ctx.channel().close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        closeAllPortals();
        statements.clear();
        if (backendKey != null) {
            backendKeys.unregister(backendKey);
        }
        if (session != null) {
            activeSession = null;
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("closing session failed", e);
            }
            session = null;
        }
        if (out != null) {
            out.release();
            out = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // Only the connection's own executor is ours to stop, never the channel's event loop.
        if (ctx.executor() != ctx.channel().eventLoop()) {
            ctx.executor().shutdownGracefully(0, 5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection after a network error", cause);
        ctx.close();
    }

    private static String readCString(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new PgException(PgSqlState.PROTOCOL_VIOLATION, "unterminated string in message");
        }
        String value = body.toString(body.readerIndex(), end - body.readerIndex(), UTF_8);
        body.readerIndex(end + 1);
        return value;
    }

    private static List<Integer> readShorts(ByteBuf body) {
        int count = body.readUnsignedShort();
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add((int) body.readShort());
        }
        return values;
    }
}
