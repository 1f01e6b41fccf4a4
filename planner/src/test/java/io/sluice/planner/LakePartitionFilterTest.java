package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.parser.SluiceParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakePartitionFilterTest {
    private static List<LakePartitionFilter> filters(String sql, String table) {
        return LakePartitionFilter.of(SluiceParser.parseStatement(sql), table);
    }

    @Test
    void conjunctsOfTheWhereClauseOnTheTable() {
        assertThat(
                        filters(
                                "SELECT * FROM t WHERE dt = '2026-01-02' AND 3 < hr AND n + 1 > 2"
                                        + " AND kind IN ('a', 'b') AND h BETWEEN 1 AND 5",
                                "t"))
                .containsExactly(
                        new LakePartitionFilter("dt", "=", List.of("2026-01-02")),
                        new LakePartitionFilter("hr", ">", List.of("3")),
                        new LakePartitionFilter("kind", "IN", List.of("a", "b")),
                        new LakePartitionFilter("h", ">=", List.of("1")),
                        new LakePartitionFilter("h", "<=", List.of("5")));
    }

    @Test
    void onlyWhatCertainlyAppliesToTheTable() {
        // A disjunction filters nothing for sure.
        assertThat(filters("SELECT * FROM t WHERE dt = 'a' OR dt = 'b'", "t")).isEmpty();
        // Two references to the table share one scan.
        assertThat(filters("SELECT * FROM t WHERE dt = 'a' UNION ALL SELECT * FROM t", "t"))
                .isEmpty();
        // In a join only qualified columns are known to be the table's.
        assertThat(
                        filters(
                                "SELECT * FROM t AS x JOIN u ON x.id = u.id WHERE dt = 'a' AND"
                                        + " x.dd = 'b' AND u.dd = 'c'",
                                "t"))
                .containsExactly(new LakePartitionFilter("dd", "=", List.of("b")));
        // The filter of an outer query does not reach into a subquery's table.
        assertThat(filters("SELECT * FROM (SELECT * FROM t) s WHERE dt = 'a'", "t")).isEmpty();
    }

    @Test
    void matchesNumbersByValueAndTextByText() {
        assertThat(new LakePartitionFilter("h", ">", List.of("9")).matches("10")).isTrue();
        assertThat(new LakePartitionFilter("d", "<", List.of("2026-01-10")).matches("2026-01-09"))
                .isTrue();
        assertThat(new LakePartitionFilter("d", "=", List.of("x")).matches(null)).isFalse();
        assertThat(new LakePartitionFilter("d", "IN", List.of("x", "y")).matches("y")).isTrue();
        assertThat(new LakePartitionFilter("d", "<>", List.of("x")).matches("x")).isFalse();
    }
}
