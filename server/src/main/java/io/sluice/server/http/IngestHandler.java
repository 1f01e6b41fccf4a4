package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.ErrorKind;
import io.sluice.executor.error.SluiceException;
import io.sluice.server.http.DecodedBody.IndexedRejection;
import io.sluice.server.ingest.ApiKey;
import io.sluice.server.ingest.EventPreparer;
import io.sluice.server.ingest.IngestAccess;
import io.sluice.server.ingest.IngestStream;
import io.sluice.server.ingest.IngestStreams;
import io.sluice.server.ingest.PreparedEvent;
import io.sluice.server.ingest.SchemaViolationException;
import io.sluice.server.ingest.StreamRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection, one request at a time. A request goes through: headers (routed to a
 * stream, its API key and rate checked; an early refusal is answered at once), body (collected up
 * to the size limit), then decoding, validation against the stream's schema and enrichment, then
 * publishing; the answer is written only when the sink's future completes or the request times out.
 * While a request is in flight the channel stops reading, so a pipelining client waits and a slow
 * store slows its clients down instead of filling memory.
 *
 * <p>Every method runs on the channel's event loop; the sink's completion is handed back to it.
 */
final class IngestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    static final String INGEST_PATH = "/ingest";
    static final String HEALTH_PATH = "/health";
    static final String METRICS_PATH = "/metrics";
    private static final String BEARER = "Bearer ";

    private final IngestConfig config;
    private final EventDecoder decoder;
    private final EventSink sink;
    private final IngestMetrics metrics;
    private final BooleanSupplier healthCheck;
    private final StreamRegistry streams;
    private final IngestAccess access;
    private final InFlightBytes inFlight;

    // The request in flight; requestId tells a late completion from the current request.
    private long requestId;
    private boolean inRequest;
    private boolean keepAlive;
    private boolean bodyComplete;
    private boolean responded;
    private boolean closeAfterBody;
    private boolean collectingBody;
    private BodyFormat format;
    private boolean gzip;
    private byte[] body;
    private int bodyLength;
    private int pendingEvents;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> headerTimeout;
    private ChannelFuture responseWrite;
    // The POST /ingest request in flight: timed for the latency histogram, its stream and key.
    private boolean timedRequest;
    private long requestStartNanos;
    private Instant receivedAt;
    private EventPreparer preparer;
    private ApiKey apiKey;
    // The stream label of the current request's metrics, known once its stream is found.
    private String metricsStream = IngestMetrics.UNKNOWN_STREAM;

    IngestHandler(
            IngestConfig config,
            EventDecoder decoder,
            EventSink sink,
            IngestMetrics metrics,
            BooleanSupplier healthCheck,
            StreamRegistry streams,
            IngestAccess access,
            InFlightBytes inFlight) {
        this.config = requireNonNull(config, "config is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.healthCheck = requireNonNull(healthCheck, "healthCheck is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.access = requireNonNull(access, "access is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armHeaderTimeout(ctx);
        ctx.fireChannelActive();
    }

    /**
     * A connection must send a complete request head within the header timeout of opening or of its
     * previous answer: a client trickling headers, or idling on a keep-alive connection, holds a
     * socket and a buffer and is closed.
     */
    private void armHeaderTimeout(ChannelHandlerContext ctx) {
        cancelHeaderTimeout();
        headerTimeout =
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (!inRequest && ctx.channel().isActive()) {
                                        log.debug(
                                                "Closing {}: no request head within {}",
                                                ctx.channel().remoteAddress(),
                                                config.headerTimeout());
                                        ctx.close();
                                    }
                                },
                                config.headerTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);
    }

    private void cancelHeaderTimeout() {
        if (headerTimeout != null) {
            headerTimeout.cancel(false);
            headerTimeout = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpRequest request) {
                onRequest(ctx, request);
            }
            if (message instanceof HttpContent content && inRequest) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        cancelHeaderTimeout();
        requestId++;
        inRequest = true;
        metricsStream = IngestMetrics.UNKNOWN_STREAM;
        timedRequest = false;
        preparer = null;
        apiKey = null;
        keepAlive = HttpUtil.isKeepAlive(request);
        bodyComplete = false;
        responded = false;
        closeAfterBody = false;
        collectingBody = false;
        body = null;
        bodyLength = 0;
        pendingEvents = 0;
        long id = requestId;
        timeout =
                ctx.executor()
                        .schedule(
                                () -> onTimeout(ctx, id),
                                config.requestTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);

        if (request.decoderResult().isFailure()) {
            respondAndClose(
                    ctx,
                    HttpResponses.error(
                            HttpResponseStatus.BAD_REQUEST,
                            ErrorCode.INVALID_REQUEST,
                            null,
                            "malformed HTTP request"));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(HEALTH_PATH)) {
            if (request.method().equals(HttpMethod.GET)) {
                respond(ctx, HttpResponses.health(isHealthy()));
            } else {
                methodNotAllowed(ctx, request, HttpMethod.GET);
            }
        } else if (path.equals(METRICS_PATH)) {
            if (request.method().equals(HttpMethod.GET)) {
                respond(ctx, HttpResponses.metrics(metrics.scrape(), IngestMetrics.contentType()));
            } else {
                methodNotAllowed(ctx, request, HttpMethod.GET);
            }
        } else if (path.equals(INGEST_PATH) || path.startsWith(INGEST_PATH + "/")) {
            if (request.method().equals(HttpMethod.POST)) {
                String stream =
                        path.equals(INGEST_PATH)
                                ? IngestStreams.DEFAULT_STREAM
                                : path.substring(INGEST_PATH.length() + 1);
                startIngest(ctx, request, stream);
            } else {
                methodNotAllowed(ctx, request, HttpMethod.POST);
            }
        } else {
            refuseBeforeBody(
                    ctx,
                    request,
                    HttpResponses.error(
                            HttpResponseStatus.NOT_FOUND,
                            ErrorCode.UNDEFINED_OBJECT,
                            null,
                            "no such endpoint: " + path));
        }
    }

    private void startIngest(ChannelHandlerContext ctx, HttpRequest request, String streamName) {
        timedRequest = true;
        requestStartNanos = System.nanoTime();
        receivedAt = Instant.now();
        Optional<IngestStream> stream = streams.stream(streamName);
        stream.ifPresent(found -> metricsStream = streamName);
        if (stream.isEmpty()) {
            refuse(
                    ctx,
                    request,
                    new IngestRejection(
                            RejectReason.UNKNOWN_STREAM, "no such stream: " + streamName));
            return;
        }
        if (access.requiresKeys() && !authorize(ctx, request, streamName)) {
            return;
        }
        if (!isHealthy()) {
            metrics.recordFailed(metricsStream, 1);
            refuseBeforeBody(ctx, request, unavailable("Kafka is unreachable"));
            return;
        }
        Optional<EventPreparer> streamPreparer = streams.preparer(streamName);
        if (streamPreparer.isEmpty()) {
            metrics.recordFailed(metricsStream, 1);
            refuseBeforeBody(
                    ctx,
                    request,
                    unavailable(
                            "the schema table "
                                    + stream.get().schemaTable().orElse("")
                                    + " of stream "
                                    + streamName
                                    + " is not in the catalog"));
            return;
        }
        preparer = streamPreparer.get();
        Optional<BodyFormat> bodyFormat =
                BodyFormat.fromContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (bodyFormat.isEmpty()) {
            refuse(
                    ctx,
                    request,
                    new IngestRejection(
                            RejectReason.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported content type "
                                    + request.headers().get(HttpHeaderNames.CONTENT_TYPE)
                                    + "; use application/json or application/x-ndjson"));
            return;
        }
        String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null
                && !encoding.equalsIgnoreCase("identity")
                && !encoding.equalsIgnoreCase("gzip")
                && !encoding.equalsIgnoreCase("x-gzip")) {
            refuse(
                    ctx,
                    request,
                    new IngestRejection(
                            RejectReason.UNSUPPORTED_ENCODING,
                            "unsupported content encoding " + encoding + "; use gzip"));
            return;
        }
        long contentLength = HttpUtil.getContentLength(request, -1L);
        if (contentLength > config.maxBodyBytes()) {
            refuse(ctx, request, bodyTooLarge());
            return;
        }
        format = bodyFormat.get();
        gzip = encoding != null && !encoding.equalsIgnoreCase("identity");
        collectingBody = true;
        body = new byte[(int) Math.max(256, Math.min(contentLength, config.maxBodyBytes()))];
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1,
                            HttpResponseStatus.CONTINUE,
                            Unpooled.EMPTY_BUFFER));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (collectingBody) {
            ByteBuf chunk = content.content();
            int size = chunk.readableBytes();
            if ((long) bodyLength + size > config.maxBodyBytes()) {
                collectingBody = false;
                body = null;
                refuse(ctx, null, bodyTooLarge());
            } else {
                if (bodyLength + size > body.length) {
                    body =
                            Arrays.copyOf(
                                    body,
                                    (int)
                                            Math.min(
                                                    config.maxBodyBytes(),
                                                    Math.max(
                                                            2L * body.length,
                                                            (long) bodyLength + size)));
                }
                chunk.getBytes(chunk.readerIndex(), body, bodyLength, size);
                bodyLength += size;
            }
        }
        if (content instanceof LastHttpContent) {
            bodyComplete = true;
            if (collectingBody) {
                collectingBody = false;
                ingest(ctx);
            } else {
                finishIfDone(ctx);
            }
        }
    }

    private void ingest(ChannelHandlerContext ctx) {
        // Nothing more is read from this connection until the answer is written.
        ctx.channel().config().setAutoRead(false);
        DecodedBody decoded;
        try {
            byte[] bytes = body;
            int length = bodyLength;
            if (gzip) {
                bytes = BoundedGzip.inflate(body, bodyLength, config.maxBodyBytes());
                length = bytes.length;
            }
            decoded = decoder.decode(bytes, length, format);
        } catch (RejectedRequestException e) {
            metrics.recordRejected(metricsStream, e.reason());
            respond(ctx, HttpResponses.rejected(e.rejection()));
            return;
        } finally {
            body = null;
        }
        if (apiKey != null) {
            access.charge(apiKey, decoded.events().size() + decoded.rejections().size());
        }
        DecodedBody prepared;
        try {
            prepared = prepare(ctx, decoded);
        } catch (SchemaViolationException e) {
            // A single event that does not match the schema refuses the request.
            IngestRejection rejection =
                    new IngestRejection(RejectReason.SCHEMA_VIOLATION, e.getMessage(), e.field());
            metrics.recordRejected(metricsStream, rejection.reason());
            respond(ctx, HttpResponses.rejected(rejection));
            return;
        }
        prepared.rejections()
                .forEach(
                        rejection ->
                                metrics.recordRejected(
                                        metricsStream, rejection.rejection().reason()));
        if (prepared.events().isEmpty()) {
            respond(ctx, HttpResponses.batchSummary(0, prepared.rejections()));
            return;
        }
        long bytes = 0;
        for (Event event : prepared.events()) {
            bytes += event.value().length + (event.key() == null ? 0 : event.key().length);
        }
        if (!inFlight.tryAcquire(bytes)) {
            for (int i = 0; i < prepared.events().size(); i++) {
                metrics.recordRejected(metricsStream, RejectReason.OVERLOADED);
            }
            respond(
                    ctx,
                    HttpResponses.withRetryAfter(
                            HttpResponses.rejected(
                                    new IngestRejection(
                                            RejectReason.OVERLOADED,
                                            "too many events are waiting for Kafka; retry"))));
            return;
        }
        long reserved = bytes;
        pendingEvents = prepared.events().size();
        CompletableFuture<Void> published;
        try {
            published = sink.publish(preparer.stream().topic(), prepared.events());
            requireNonNull(published, "sink returned no future");
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        long id = requestId;
        published.whenComplete(
                (ignored, failure) -> {
                    inFlight.release(reserved);
                    try {
                        ctx.executor().execute(() -> onPublished(ctx, id, prepared, failure));
                    } catch (RejectedExecutionException e) {
                        log.debug("Event loop shut down before the publish completed", e);
                    }
                });
    }

    /**
     * Keys, enriches and checks each event against its stream's schema. In a batch an event that
     * does not match is refused alone; a single event's violation is thrown.
     */
    private DecodedBody prepare(ChannelHandlerContext ctx, DecodedBody decoded)
            throws SchemaViolationException {
        if (!preparer.stream().inspectsEvents()) {
            return decoded;
        }
        String clientIp = clientIp(ctx);
        List<Event> events = new ArrayList<>(decoded.events().size());
        List<Integer> indexes = new ArrayList<>(decoded.events().size());
        List<IndexedRejection> rejections = new ArrayList<>(decoded.rejections());
        for (int i = 0; i < decoded.events().size(); i++) {
            int index = decoded.eventIndexes().get(i);
            try {
                PreparedEvent event =
                        preparer.prepare(decoded.events().get(i).value(), receivedAt, clientIp);
                events.add(new Event(event.key(), event.value()));
                indexes.add(index);
            } catch (SchemaViolationException e) {
                if (!decoded.batch()) {
                    throw e;
                }
                rejections.add(
                        new IndexedRejection(
                                index,
                                new IngestRejection(
                                        RejectReason.SCHEMA_VIOLATION, e.getMessage(), e.field())));
            }
        }
        rejections.sort(Comparator.comparingInt(IndexedRejection::index));
        return new DecodedBody(decoded.batch(), events, indexes, rejections);
    }

    private void onPublished(
            ChannelHandlerContext ctx, long id, DecodedBody decoded, Throwable failure) {
        if (id != requestId || responded) {
            // Timed out earlier: the client was already told to retry.
            return;
        }
        int events = decoded.events().size();
        if (failure == null) {
            metrics.recordAccepted(metricsStream, events);
            respond(
                    ctx,
                    decoded.batch()
                            ? HttpResponses.batchSummary(events, decoded.rejections())
                            : HttpResponses.ok());
            return;
        }
        metrics.recordFailed(metricsStream, events);
        respond(ctx, publishFailed(failure));
    }

    private void onTimeout(ChannelHandlerContext ctx, long id) {
        if (id != requestId || !ctx.channel().isActive()) {
            return;
        }
        if (responded) {
            // Still discarding the body of a refused request: give up on the connection.
            ctx.close();
            return;
        }
        if (!bodyComplete) {
            respondAndClose(
                    ctx,
                    HttpResponses.error(
                            HttpResponseStatus.REQUEST_TIMEOUT,
                            ErrorCode.INVALID_REQUEST,
                            null,
                            "request body not received within " + config.requestTimeout()));
            return;
        }
        metrics.recordFailed(metricsStream, pendingEvents);
        respond(
                ctx,
                HttpResponses.withRetryAfter(
                        HttpResponses.error(
                                HttpResponseStatus.SERVICE_UNAVAILABLE,
                                ErrorCode.EXTERNAL_UNAVAILABLE,
                                null,
                                "the event store did not acknowledge within "
                                        + config.requestTimeout())));
    }

    private static FullHttpResponse publishFailed(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SluiceException sluiceException
                && sluiceException.errorCode().kind() == ErrorKind.USER) {
            ErrorCode code = sluiceException.errorCode();
            return HttpResponses.error(
                    HttpResponseStatus.valueOf(code.httpStatus()),
                    code,
                    null,
                    sluiceException.getMessage());
        }
        log.debug("Publishing events failed", cause);
        return HttpResponses.withRetryAfter(
                HttpResponses.error(
                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                        ErrorCode.EXTERNAL_UNAVAILABLE,
                        null,
                        "the event store is unavailable: " + cause.getMessage()));
    }

    /** Checks the API key; answers and returns false when the request may not go on. */
    private boolean authorize(ChannelHandlerContext ctx, HttpRequest request, String streamName) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String secret =
                header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                        ? header.substring(BEARER.length()).trim()
                        : null;
        Optional<ApiKey> key = secret == null ? Optional.empty() : access.authenticate(secret);
        if (key.isEmpty()) {
            metrics.recordRejected(metricsStream, RejectReason.UNAUTHORIZED);
            FullHttpResponse response =
                    HttpResponses.rejected(
                            new IngestRejection(
                                    RejectReason.UNAUTHORIZED,
                                    secret == null
                                            ? "missing API key: send Authorization: Bearer <key>"
                                            : "unknown or revoked API key"));
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            refuseBeforeBody(ctx, request, response);
            return false;
        }
        if (!key.get().allows(streamName)) {
            refuse(
                    ctx,
                    request,
                    new IngestRejection(
                            RejectReason.FORBIDDEN,
                            "API key \""
                                    + key.get().name()
                                    + "\" may not post to stream \""
                                    + streamName
                                    + "\""));
            return false;
        }
        long retryAfter = access.retryAfterSeconds(key.get());
        if (retryAfter > 0) {
            metrics.recordRejected(metricsStream, RejectReason.RATE_LIMITED);
            refuseBeforeBody(
                    ctx,
                    request,
                    HttpResponses.withRetryAfter(
                            HttpResponses.rejected(
                                    new IngestRejection(
                                            RejectReason.RATE_LIMITED,
                                            "API key \""
                                                    + key.get().name()
                                                    + "\" is over its rate limit")),
                            retryAfter));
            return false;
        }
        apiKey = key.get();
        return true;
    }

    private static FullHttpResponse unavailable(String message) {
        return HttpResponses.withRetryAfter(
                HttpResponses.error(
                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                        ErrorCode.EXTERNAL_UNAVAILABLE,
                        null,
                        message));
    }

    private String clientIp(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private void methodNotAllowed(
            ChannelHandlerContext ctx, HttpRequest request, HttpMethod allowed) {
        FullHttpResponse response =
                HttpResponses.error(
                        HttpResponseStatus.METHOD_NOT_ALLOWED,
                        ErrorCode.INVALID_REQUEST,
                        null,
                        request.method() + " not allowed here; use " + allowed);
        response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
        refuseBeforeBody(ctx, request, response);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, IngestRejection rejection) {
        metrics.recordRejected(metricsStream, rejection.reason());
        refuseBeforeBody(ctx, request, HttpResponses.rejected(rejection));
    }

    /**
     * Answers before the body is read. A client waiting for {@code 100 Continue} has not sent the
     * body, so the connection is closed at once; otherwise the body still arrives and is read and
     * dropped, since closing under a client that is still sending makes it miss the answer.
     */
    private void refuseBeforeBody(
            ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        if (request != null && HttpUtil.is100ContinueExpected(request)) {
            respondAndClose(ctx, response);
            return;
        }
        if (response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            closeAfterBody = true;
        }
        respond(ctx, response);
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse response) {
        write(ctx, response, !keepAlive || closeAfterBody);
        finishIfDone(ctx);
    }

    /** Answers and closes the connection without waiting for the rest of the request. */
    private void respondAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        inRequest = false;
        cancelTimeout();
        write(ctx, response, true).addListener(ChannelFutureListener.CLOSE);
    }

    private ChannelFuture write(
            ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
        responded = true;
        if (timedRequest) {
            timedRequest = false;
            metrics.recordLatency(System.nanoTime() - requestStartNanos);
        }
        HttpUtil.setKeepAlive(response, !close);
        responseWrite = ctx.writeAndFlush(response);
        return responseWrite;
    }

    private void finishIfDone(ChannelHandlerContext ctx) {
        if (!responded || !bodyComplete) {
            return;
        }
        inRequest = false;
        cancelTimeout();
        if (!keepAlive || closeAfterBody) {
            responseWrite.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        armHeaderTimeout(ctx);
        ctx.channel().config().setAutoRead(true);
    }

    private boolean isHealthy() {
        try {
            return healthCheck.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("Health check failed", e);
            return false;
        }
    }

    private IngestRejection bodyTooLarge() {
        return new IngestRejection(
                RejectReason.BODY_TOO_LARGE,
                "request body exceeds " + config.maxBodyBytes() + " bytes");
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        cancelHeaderTimeout();
        body = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug(
                "Closing ingest connection {} after an error",
                ctx.channel().remoteAddress(),
                cause);
        ctx.close();
    }
}
