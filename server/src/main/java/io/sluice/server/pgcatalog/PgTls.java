package io.sluice.server.pgcatalog;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.pgwire.PgServerConfig;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Turns the {@code pgwire.tls.*} settings into the PostgreSQL endpoint's TLS context. */
public final class PgTls {
    private PgTls() {}

    /**
     * {@code pgConfig} with TLS when both a certificate and a key file are set; unchanged when
     * neither is.
     *
     * @throws SluiceException when only one is set or the files cannot be read
     */
    public static PgServerConfig configure(ServerConfig config, PgServerConfig pgConfig) {
        Optional<String> certificate = config.getOptional(Setting.PGWIRE_TLS_CERT_FILE);
        Optional<String> key = config.getOptional(Setting.PGWIRE_TLS_KEY_FILE);
        if (certificate.isEmpty() && key.isEmpty()) {
            return pgConfig;
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "settings \""
                            + Setting.PGWIRE_TLS_CERT_FILE.key()
                            + "\" and \""
                            + Setting.PGWIRE_TLS_KEY_FILE.key()
                            + "\" must be set together");
        }
        try {
            SslContext context =
                    SslContextBuilder.forServer(
                                    new java.io.File(certificate.get()),
                                    new java.io.File(key.get()))
                            .build();
            return pgConfig.withSslContext(context);
        } catch (SSLException | IllegalArgumentException e) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "cannot load the TLS certificate or key of the PostgreSQL endpoint: "
                            + e.getMessage(),
                    e);
        }
    }
}
