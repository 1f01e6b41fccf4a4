package io.sluice.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server TLS context over a throw-away key pair made by the JDK's keytool. */
final class SelfSignedContext {
    private SelfSignedContext() {}

    static SslContext create(Path directory) throws Exception {
        Path keystore = directory.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process =
                new ProcessBuilder(
                                List.of(
                                        keytool.toString(),
                                        "-genkeypair",
                                        "-alias",
                                        "server",
                                        "-keyalg",
                                        "EC",
                                        "-groupname",
                                        "secp256r1",
                                        "-dname",
                                        "CN=localhost",
                                        "-validity",
                                        "2",
                                        "-storetype",
                                        "PKCS12",
                                        "-keystore",
                                        keystore.toString(),
                                        "-storepass",
                                        "changeit"))
                        .redirectErrorStream(true)
                        .start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", "changeit".toCharArray());
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        return SslContextBuilder.forServer(key, certificate).build();
    }
}
