package io.sluice.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the operating system's own binaries ({@code
 * /usr/lib/postgresql/<version>/bin}, as Debian installs them). PostgreSQL refuses to run as root,
 * so when this JVM is root the server runs as the {@code postgres} OS user, which then owns the
 * data directory.
 */
final class SystemPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemPostgres.class);

    private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binDirectory;
    private final Path dataDirectory;
    private final boolean asOsUser;
    private final int port;
    private boolean closed;

    private SystemPostgres(Path binDirectory, Path dataDirectory, boolean asOsUser, int port) {
        this.binDirectory = requireNonNull(binDirectory, "binDirectory is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.asOsUser = asOsUser;
        this.port = port;
    }

    static boolean isInstalled() {
        return findBinDirectory().isPresent();
    }

    /**
     * Starts a server on {@code dataDirectory}, running initdb first unless the directory already
     * holds a cluster. {@code port} 0 picks a free port.
     */
    static SystemPostgres start(Path dataDirectory, int port, String superuser, boolean durable) {
        Path binDirectory =
                findBinDirectory()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "No PostgreSQL binaries under " + INSTALL_ROOT));
        boolean asOsUser = isRoot();
        Path data = Directories.createPersistent(dataDirectory);
        if (asOsUser) {
            giveToOsUser(data);
        }
        SystemPostgres postgres =
                new SystemPostgres(
                        binDirectory, data, asOsUser, port == 0 ? FreePorts.pick() : port);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            postgres.initdb(superuser, durable);
        }
        postgres.startServer(durable);
        return postgres;
    }

    int port() {
        return port;
    }

    private void initdb(String superuser, boolean durable) {
        List<String> arguments = new ArrayList<>();
        arguments.addAll(
                List.of(
                        "-D",
                        dataDirectory.toString(),
                        "-U",
                        superuser,
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--locale=C"));
        if (!durable) {
            arguments.add("--no-sync");
        }
        run("initdb", arguments);
    }

    private void startServer(boolean durable) {
        // Loopback TCP only: no Unix socket, whose directory might not be writable by this user.
        String serverOptions =
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=";
        if (!durable) {
            serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }
        run(
                "pg_ctl",
                List.of(
                        "-D",
                        dataDirectory.toString(),
                        "-l",
                        dataDirectory.resolve("server.log").toString(),
                        "-o",
                        serverOptions,
                        "-w",
                        "-t",
                        "60",
                        "start"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        run("pg_ctl", List.of("-D", dataDirectory.toString(), "-m", "fast", "-w", "stop"));
    }

    private void run(String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (asOsUser) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(binDirectory.resolve(program).toString());
        command.addAll(arguments);
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(dataDirectory.getParent().toFile())
                            .redirectErrorStream(true)
                            .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " timed out");
            }
            String text = new String(output, UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " failed ("
                                + process.exitValue()
                                + "): "
                                + text);
            }
            log.debug("{}: {}", program, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program, e);
        }
    }

    private static Optional<Path> findBinDirectory() {
        if (!Files.isDirectory(INSTALL_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(SystemPostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path binDirectory) {
        try {
            return Integer.parseInt(binDirectory.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        try {
            // The owner of /proc/self is this process's effective user.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void giveToOsUser(Path directory) {
        try {
            UserPrincipalLookupService lookup =
                    directory.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(OS_USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(OS_USER);
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view =
                            Files.getFileAttributeView(path, PosixFileAttributeView.class);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand " + directory + " to user " + OS_USER, e);
        }
    }
}
