package io.sluice.benchmarks.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.benchmarks.server.Options;
import io.sluice.benchmarks.server.OsProcesses;
import io.sluice.benchmarks.server.SluiceServerProcess;
import io.sluice.testing.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries per second over pgjdbc against a real Sluice server and against PostgreSQL on the same
 * machine, with the same client threads: {@code SELECT 1} and a ten-column prepared query. Each
 * server's CPU time over the measured window is read from the operating system (the Sluice JVM; the
 * PostgreSQL backends serving the benchmark's connections), so the figures per CPU-second hold on a
 * busy host too.
 *
 * <pre>
 * PgwireBenchmark --server-classpath FILE [--threads 4] [--warmup 10] [--seconds 10]
 *                 [--results DIR] [--work DIR] [--server-java-options "OPTS"] [--check]
 * </pre>
 */
public final class PgwireBenchmark {
    private PgwireBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        boolean check = options.containsKey("check");
        String classpath =
                Files.readString(Path.of(Options.required(options, "server-classpath")), UTF_8)
                        .trim();
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        Duration warmup =
                Duration.ofSeconds(
                        Long.parseLong(options.getOrDefault("warmup", check ? "1" : "10")));
        Duration measured =
                Duration.ofSeconds(
                        Long.parseLong(options.getOrDefault("seconds", check ? "2" : "10")));
        Path work = Path.of(options.getOrDefault("work", "target/pgwire-work"));
        QueryLoad load = new QueryLoad(threads, warmup, measured);

        List<QueryLoad.Figures> figures = new ArrayList<>();
        try (TestingPostgres postgres = TestingPostgres.start();
                SluiceServerProcess sluice =
                        SluiceServerProcess.start(
                                classpath,
                                work,
                                "1g",
                                Options.javaOptions(options),
                                Map.of(),
                                Duration.ofMinutes(3))) {
            QueryTarget sluiceTarget =
                    new QueryTarget.Simple(
                            "sluice",
                            () ->
                                    DriverManager.getConnection(
                                            "jdbc:postgresql://127.0.0.1:"
                                                    + sluice.pgwirePort()
                                                    + "/sluice",
                                            "sluice",
                                            ""),
                            connections -> sluice.cpuNanos());
            QueryTarget postgresTarget = postgresTarget(postgres);
            for (QueryWorkload workload : QueryWorkload.values()) {
                for (QueryTarget target : List.of(sluiceTarget, postgresTarget)) {
                    QueryLoad.Figures result = load.run(target, workload);
                    System.out.printf(
                            Locale.ROOT,
                            "%-20s %-8s %10.0f queries/s %10.0f queries/CPU-s%n",
                            result.workload(),
                            result.server(),
                            result.queriesPerSecond(),
                            result.queriesPerCpuSecond());
                    figures.add(result);
                }
            }
        }
        String report = report(figures, threads, warmup, measured);
        System.out.println();
        System.out.println(report);
        if (!check && options.containsKey("results")) {
            Path results = Path.of(options.get("results"));
            Files.createDirectories(results);
            Files.writeString(results.resolve("pgwire.md"), report, UTF_8);
        }
    }

    private static QueryTarget postgresTarget(TestingPostgres postgres) {
        // Each PostgreSQL connection is served by a backend process of its own: their CPU time is
        // the server's work for the benchmark.
        Map<Connection, Long> backends = new ConcurrentHashMap<>();
        return new QueryTarget.Simple(
                "postgres",
                () -> {
                    Connection connection =
                            DriverManager.getConnection(
                                    postgres.jdbcUrl(), postgres.user(), postgres.password());
                    try (Statement statement = connection.createStatement();
                            ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        backends.put(connection, rs.getLong(1));
                    }
                    return connection;
                },
                connections -> {
                    long total = 0;
                    for (Connection connection : connections) {
                        Long pid = backends.get(connection);
                        if (pid == null || ProcessHandle.of(pid).isEmpty()) {
                            return -1;
                        }
                        total += OsProcesses.cpuNanos(pid);
                    }
                    return total;
                });
    }

    static String report(
            List<QueryLoad.Figures> figures, int threads, Duration warmup, Duration measured) {
        StringBuilder out = new StringBuilder();
        out.append("# pgwire: Sluice beside PostgreSQL over pgjdbc\n\n");
        out.append("Single run on ")
                .append(LocalDate.now(java.time.ZoneOffset.UTC))
                .append(", ")
                .append(OsProcesses.machine())
                .append(".\n");
        out.append(threads)
                .append(" client threads (one connection each, closed loop), ")
                .append(warmup.toSeconds())
                .append(" s warm-up, ")
                .append(measured.toSeconds())
                .append(" s measured per row. Sluice: `sluice dev` in its own JVM (-Xmx1g);")
                .append(" PostgreSQL: the embedded server of `testing`, same machine.\n\n");
        out.append(
                "| workload | server | queries/s | queries/CPU-s | Sluice/PostgreSQL (q/s) |"
                        + " Sluice/PostgreSQL (q/CPU-s) |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (QueryLoad.Figures figure : figures) {
            QueryLoad.Figures peer = peerOf(figures, figure);
            boolean sluice = figure.server().equals("sluice");
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.0f | %s | %s | %s |%n",
                            figure.workload(),
                            figure.server(),
                            figure.queriesPerSecond(),
                            formatRate(figure.queriesPerCpuSecond()),
                            sluice && peer != null
                                    ? String.format(
                                            Locale.ROOT,
                                            "%.2f",
                                            figure.queriesPerSecond() / peer.queriesPerSecond())
                                    : "",
                            sluice && peer != null
                                    ? formatRatio(
                                            figure.queriesPerCpuSecond()
                                                    / peer.queriesPerCpuSecond())
                                    : ""));
        }
        return out.toString();
    }

    private static QueryLoad.Figures peerOf(List<QueryLoad.Figures> figures, QueryLoad.Figures of) {
        for (QueryLoad.Figures figure : figures) {
            if (figure.workload().equals(of.workload()) && figure.server().equals("postgres")) {
                return figure;
            }
        }
        return null;
    }

    private static String formatRate(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String formatRatio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
