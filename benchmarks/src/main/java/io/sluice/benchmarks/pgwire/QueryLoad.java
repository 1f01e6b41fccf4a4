package io.sluice.benchmarks.pgwire;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: each client thread has its own connection and runs the next query as soon as
 * the last one's rows are read. Counting starts after a warm-up, so the servers' JIT and caches are
 * warm, and covers a fixed window.
 */
final class QueryLoad {
    private final int threads;
    private final Duration warmup;
    private final Duration measured;

    QueryLoad(int threads, Duration warmup, Duration measured) {
        this.threads = threads;
        this.warmup = requireNonNull(warmup, "warmup is null");
        this.measured = requireNonNull(measured, "measured is null");
    }

    /** Figures of one workload against one server. */
    record Figures(String server, String workload, long queries, long nanos, long cpuNanos) {
        double queriesPerSecond() {
            return queries * 1e9 / nanos;
        }

        /** Queries per CPU-second of the server, or NaN when its CPU time is unknown. */
        double queriesPerCpuSecond() {
            return cpuNanos <= 0 ? Double.NaN : queries * 1e9 / cpuNanos;
        }
    }

    Figures run(QueryTarget target, QueryWorkload workload) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAdder completed = new LongAdder();
        try {
            for (int i = 0; i < threads; i++) {
                Connection connection = target.connect();
                connections.add(connection);
                QueryWorkload.Runner runner = workload.open(connection);
                Thread client =
                        new Thread(
                                () -> {
                                    long iteration = 0;
                                    try {
                                        while (running.get()) {
                                            runner.run(iteration++);
                                            completed.increment();
                                        }
                                    } catch (SQLException | RuntimeException e) {
                                        failure.compareAndSet(null, e);
                                    }
                                },
                                "pgwire-client-" + i);
                clients.add(client);
            }
            clients.forEach(Thread::start);
            Thread.sleep(warmup.toMillis());
            long startQueries = completed.sum();
            long startCpu = target.cpuNanos(connections);
            long start = System.nanoTime();
            Thread.sleep(measured.toMillis());
            long queries = completed.sum() - startQueries;
            long nanos = System.nanoTime() - start;
            long endCpu = target.cpuNanos(connections);
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException(
                        workload.label() + " failed on " + target.name(), failure.get());
            }
            long cpu = startCpu < 0 || endCpu < 0 ? -1 : endCpu - startCpu;
            return new Figures(target.name(), workload.label(), queries, nanos, cpu);
        } finally {
            running.set(false);
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing after the run; nothing left to measure.
                }
            }
        }
    }
}
