package io.sluice.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgException;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestCursors {
    private static final List<PgColumn> COLUMNS = List.of(new PgColumn("n", PgType.INT4));

    private final AtomicInteger closed = new AtomicInteger();
    private final Cursors cursors = new Cursors();

    @Test
    void fetchFormsReadForward() {
        declare("DECLARE _psql_cursor NO SCROLL CURSOR FOR SELECT n", 10);
        assertThat(fetch("FETCH FORWARD 2 FROM _psql_cursor")).containsExactly(0, 1);
        assertThat(fetch("fetch next in _psql_cursor")).containsExactly(2);
        assertThat(fetch("FETCH _PSQL_CURSOR")).containsExactly(3);
        assertThat(fetch("FETCH 3 _psql_cursor;")).containsExactly(4, 5, 6);
        PgResult moved = cursors.apply("MOVE FORWARD 1 IN _psql_cursor", this::rows).orElseThrow();
        assertThat(((PgResult.Command) moved).tag()).isEqualTo("MOVE 1");
        assertThat(fetch("FETCH FORWARD ALL FROM _psql_cursor")).containsExactly(8, 9);
        assertThat(fetch("FETCH ALL FROM _psql_cursor")).isEmpty();
        assertThat(cursors.apply("CLOSE _psql_cursor", this::rows).orElseThrow())
                .isEqualTo(PgResult.command("CLOSE CURSOR"));
        assertThat(closed).hasValue(1);
    }

    @Test
    void fetchIsTaggedAndDescribedWithoutMoving() {
        declare("DECLARE \"Mixed\" CURSOR WITHOUT HOLD FOR SELECT n", 3);
        assertThat(cursors.describe("FETCH 2 FROM \"Mixed\"")).hasValue(COLUMNS);
        PgResult.Rows rows =
                (PgResult.Rows) cursors.apply("FETCH 2 FROM \"Mixed\"", this::rows).orElseThrow();
        assertThat(rows.tag(2)).isEqualTo("FETCH 2");
        List<Integer> values = new ArrayList<>();
        rows.rows().forEachRemaining(row -> values.add((Integer) row[0]));
        assertThat(values).containsExactly(0, 1);
        assertThat(cursors.describe("FETCH 2 FROM mixed")).isEmpty();
    }

    @Test
    void errorsCarryPostgresStates() {
        declare("DECLARE c CURSOR FOR SELECT n", 1);
        assertThatThrownBy(() -> declare("DECLARE c CURSOR FOR SELECT n", 1))
                .isInstanceOfSatisfying(
                        PgException.class, e -> assertThat(e.sqlState()).isEqualTo("42P03"));
        assertThatThrownBy(() -> fetch("FETCH 1 FROM nope"))
                .isInstanceOfSatisfying(
                        PgException.class, e -> assertThat(e.sqlState()).isEqualTo("34000"));
        assertThatThrownBy(() -> fetch("FETCH PRIOR FROM c"))
                .isInstanceOfSatisfying(
                        PgException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> declare("DECLARE s SCROLL CURSOR FOR SELECT n", 1))
                .isInstanceOfSatisfying(
                        PgException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
        declare("DECLARE d CURSOR FOR SELECT n", 1);
        cursors.apply("CLOSE ALL", this::rows);
        assertThat(cursors.names()).isEmpty();
        assertThat(closed).hasValue(2);
        assertThat(cursors.apply("SELECT 1", this::rows)).isEmpty();
    }

    private void declare(String sql, int count) {
        assertThat(cursors.apply(sql, query -> rows(count)).orElseThrow())
                .isEqualTo(PgResult.command("DECLARE CURSOR"));
    }

    private PgResult rows(String query) {
        throw new AssertionError("no query expected: " + query);
    }

    private PgResult rows(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {i});
        }
        return PgResult.rows(COLUMNS, rows.iterator(), closed::incrementAndGet);
    }

    private List<Integer> fetch(String sql) {
        PgResult result = cursors.apply(sql, this::rows).orElseThrow();
        List<Integer> values = new ArrayList<>();
        ((PgResult.Rows) result).rows().forEachRemaining(row -> values.add((Integer) row[0]));
        return values;
    }
}
