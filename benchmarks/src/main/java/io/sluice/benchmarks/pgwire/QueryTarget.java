package io.sluice.benchmarks.pgwire;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A server the queries run against, and how to read the CPU time it spends on them. */
interface QueryTarget {
    String name();

    Connection connect() throws SQLException;

    /**
     * CPU time the server has spent so far on the given connections (and whatever else it does), or
     * -1 when it cannot be read.
     */
    long cpuNanos(List<Connection> connections);

    /** A target by its parts. */
    record Simple(String name, Connector connector, CpuClock cpuClock) implements QueryTarget {
        public Simple {
            requireNonNull(name, "name is null");
            requireNonNull(connector, "connector is null");
            requireNonNull(cpuClock, "cpuClock is null");
        }

        @Override
        public Connection connect() throws SQLException {
            return connector.connect();
        }

        @Override
        public long cpuNanos(List<Connection> connections) {
            return cpuClock.cpuNanos(connections);
        }
    }

    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    @FunctionalInterface
    interface CpuClock {
        long cpuNanos(List<Connection> connections);
    }
}
