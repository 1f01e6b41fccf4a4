package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The rows of a lake query, streamed from DuckDB. Values are plain Java objects: {@code Boolean,
 * Short, Integer, Long, Float, Double, BigDecimal, String} (TEXT, JSON, UUID and types without a
 * Sluice equivalent), {@code byte[], LocalDate, LocalTime, LocalDateTime, OffsetDateTime}, or null.
 * Must be closed; closing releases the DuckDB connection of the query.
 */
public final class LakeResult implements Iterator<List<Object>>, AutoCloseable {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet resultSet;
    private final LakeCancellation cancellation;
    private final List<AutoCloseable> resources;
    private final List<Column> columns;
    private final TypeKind[] kinds;
    private final String[] duckDbTypes;
    private boolean advanced;
    private boolean hasRow;
    private boolean closed;
    private final List<List<Object>> trailing = new ArrayList<>();
    private int trailingIndex;

    LakeResult(
            Connection connection,
            Statement statement,
            ResultSet resultSet,
            LakeCancellation cancellation,
            List<AutoCloseable> resources)
            throws SQLException {
        this.connection = requireNonNull(connection, "connection is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.resultSet = requireNonNull(resultSet, "resultSet is null");
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
        this.resources = List.copyOf(requireNonNull(resources, "resources is null"));
        ResultSetMetaData metaData = resultSet.getMetaData();
        int count = metaData.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        this.kinds = new TypeKind[count];
        this.duckDbTypes = new String[count];
        for (int i = 0; i < count; i++) {
            duckDbTypes[i] = metaData.getColumnTypeName(i + 1).toUpperCase(Locale.ROOT);
            SqlType type = DuckDbTypes.toSqlType(duckDbTypes[i]);
            kinds[i] = type.kind();
            columns.add(new Column(label(metaData.getColumnLabel(i + 1)), type));
        }
        this.columns = List.copyOf(columns);
    }

    /**
     * The name a client sees. DuckDB names an unaliased {@code count(*)} {@code count_star()};
     * PostgreSQL, whose clients Sluice serves, names it {@code count}. An alias that spells {@code
     * count_star()} on purpose is renamed too, which no real query does.
     */
    static String label(String duckDbLabel) {
        return duckDbLabel.equals("count_star()") ? "count" : duckDbLabel;
    }

    /** The result's columns, with DuckDB's types mapped onto Sluice types. */
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        if (!advanced) {
            try {
                hasRow = !closed && resultSet.next();
            } catch (SQLException e) {
                throw failure(e);
            }
            advanced = true;
        }
        return hasRow || (!closed && trailingIndex < trailing.size());
    }

    /**
     * Adds rows after DuckDB's, one per line with the line in the last column and {@code label} in
     * the first (when there are two or more): notes of Sluice's own in an EXPLAIN result.
     */
    public void appendTextRows(String label, List<String> lines) {
        for (String line : lines) {
            Object[] values = new Object[kinds.length];
            if (values.length > 1) {
                values[0] = label;
            }
            if (values.length > 0) {
                values[values.length - 1] = line;
            }
            trailing.add(Collections.unmodifiableList(Arrays.asList(values)));
        }
    }

    /** The next row; the list may hold nulls and must not be modified. */
    @Override
    public List<Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (!hasRow) {
            return trailing.get(trailingIndex++);
        }
        advanced = false;
        Object[] values = new Object[kinds.length];
        try {
            for (int i = 0; i < values.length; i++) {
                values[i] = value(i + 1, kinds[i], duckDbTypes[i]);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    private Object value(int index, TypeKind kind, String duckDbType) throws SQLException {
        Object value;
        switch (kind) {
            case BOOLEAN:
                value = resultSet.getBoolean(index);
                break;
            case SMALLINT:
                value = resultSet.getShort(index);
                break;
            case INTEGER:
                value = resultSet.getInt(index);
                break;
            case BIGINT:
                value = resultSet.getLong(index);
                break;
            case REAL:
                value = resultSet.getFloat(index);
                break;
            case DOUBLE:
                value = resultSet.getDouble(index);
                break;
            case DECIMAL:
                {
                    Object raw = resultSet.getObject(index);
                    if (raw instanceof BigInteger integer) {
                        value = new BigDecimal(integer);
                    } else if (raw == null || raw instanceof BigDecimal) {
                        value = raw;
                    } else {
                        value = new BigDecimal(raw.toString());
                    }
                    break;
                }
            case BYTEA:
                value = resultSet.getBytes(index);
                break;
            case DATE:
                value = resultSet.getObject(index, LocalDate.class);
                break;
            case TIME:
                value = resultSet.getObject(index, LocalTime.class);
                break;
            case TIMESTAMP:
                value = resultSet.getObject(index, LocalDateTime.class);
                break;
            case TIMESTAMPTZ:
                value = resultSet.getObject(index, OffsetDateTime.class);
                break;
            default:
                value = resultSet.getString(index);
                break;
        }
        return resultSet.wasNull() ? null : value;
    }

    private SluiceException failure(SQLException e) {
        return cancellation.isCancelled() ? cancellation.failure(e) : DuckDbErrors.translate(e);
    }

    /** Stops the query; the next read fails with {@code QUERY_CANCELED}. */
    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancellation.detach();
        SluiceException failure = null;
        List<AutoCloseable> all = new ArrayList<>(List.of(resultSet, statement, connection));
        // Pinned files and the time limit outlive the DuckDB statement that reads them.
        all.addAll(resources);
        RuntimeException unexpected = null;
        for (AutoCloseable resource : all) {
            try {
                resource.close();
            } catch (SQLException e) {
                failure = failure == null ? DuckDbErrors.translate(e) : failure;
            } catch (Exception e) {
                unexpected = unexpected == null ? new IllegalStateException(e) : unexpected;
            }
        }
        if (unexpected != null) {
            throw unexpected;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
