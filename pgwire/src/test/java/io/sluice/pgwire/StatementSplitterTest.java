package io.sluice.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    @Test
    void splitsAtTopLevelSemicolons() {
        assertThat(StatementSplitter.split("select 1; select 2;"))
                .containsExactly("select 1", "select 2");
    }

    @Test
    void respectsQuotesCommentsAndDollarQuotes() {
        String sql =
                "select 'a;b', \"x;y\", E'it\\'s;' -- c;\n; /* x; /* nested; */ ; */ select $$;$$,"
                        + " $tag$ ; $tag$, $1";
        assertThat(StatementSplitter.split(sql))
                .containsExactly(
                        "select 'a;b', \"x;y\", E'it\\'s;' -- c;",
                        "/* x; /* nested; */ ; */ select $$;$$, $tag$ ; $tag$, $1");
    }

    @Test
    void dropsEmptyPieces() {
        assertThat(StatementSplitter.split(" ; -- only a comment\n ;")).isEmpty();
        assertThat(StatementSplitter.split("")).isEmpty();
    }
}
