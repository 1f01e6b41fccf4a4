package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import java.util.Optional;

/**
 * Configuration of a {@link PgServer}.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (see {@link PgServer#port()})
 * @param authMode how clients authenticate
 * @param credentialStore where SCRAM verifiers come from; required for {@link
 *     PgAuthMode#SCRAM_SHA_256}
 * @param sslContext when present, SSLRequest is answered 'S' and TLS is negotiated; otherwise 'N'
 * @param serverVersion reported as {@code server_version}; clients parse its leading number
 * @param sessionFactory opens one {@link PgSession} per authenticated connection
 */
public record PgServerConfig(
        String host,
        int port,
        PgAuthMode authMode,
        PgCredentialStore credentialStore,
        Optional<SslContext> sslContext,
        String serverVersion,
        PgSessionFactory sessionFactory) {
    public static final String DEFAULT_SERVER_VERSION = "16.4";

    public PgServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(authMode, "authMode is null");
        requireNonNull(credentialStore, "credentialStore is null");
        requireNonNull(sslContext, "sslContext is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(sessionFactory, "sessionFactory is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (sslContext.isPresent() && !sslContext.get().isServer()) {
            throw new IllegalArgumentException("sslContext must be a server context");
        }
    }

    /** A plain-text server that trusts every user. */
    public static PgServerConfig trust(String host, int port, PgSessionFactory sessionFactory) {
        return new PgServerConfig(
                host,
                port,
                PgAuthMode.TRUST,
                PgCredentialStore.EMPTY,
                Optional.empty(),
                DEFAULT_SERVER_VERSION,
                sessionFactory);
    }

    /** A plain-text server that authenticates users with SCRAM-SHA-256. */
    public static PgServerConfig scram(
            String host,
            int port,
            PgCredentialStore credentialStore,
            PgSessionFactory sessionFactory) {
        return new PgServerConfig(
                host,
                port,
                PgAuthMode.SCRAM_SHA_256,
                credentialStore,
                Optional.empty(),
                DEFAULT_SERVER_VERSION,
                sessionFactory);
    }

    public PgServerConfig withSslContext(SslContext context) {
        return new PgServerConfig(
                host,
                port,
                authMode,
                credentialStore,
                Optional.of(context),
                serverVersion,
                sessionFactory);
    }

    public PgServerConfig withServerVersion(String version) {
        return new PgServerConfig(
                host, port, authMode, credentialStore, sslContext, version, sessionFactory);
    }
}
