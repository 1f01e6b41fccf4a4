package io.sluice.server.pgcatalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TestPgCatalogRewriter {
    private final PgCatalogRewriter rewriter =
            new PgCatalogRewriter(
                    Set.of("pg_class", "pg_namespace", "pg_type"),
                    Set.of("pg_table_is_visible", "version", "current_schema", "array_to_string"),
                    Set.of("tables"));

    @Test
    void mapsCatalogSchemasAndOperators() {
        assertThat(
                        rewriter.rewrite(
                                "SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relname"
                                        + " OPERATOR(pg_catalog.~) '^(events)$' COLLATE"
                                        + " pg_catalog.default AND"
                                        + " pg_catalog.pg_table_is_visible(c.oid) AND n !~ 'x';"))
                .hasValue(
                        "SELECT c.oid FROM pgcat.pg_class c WHERE c.relname ~ '^(events)$'  AND"
                                + " pgcat.pg_table_is_visible(c.oid) AND n !~ 'x'");
    }

    @Test
    void rewritesCasts() {
        assertThat(rewriter.rewrite("SELECT 1 FROM pg_class WHERE x='pg_class'::regclass"))
                .hasValue("SELECT 1 FROM pgcat.pg_class WHERE x=pgcat.regclass_in('pg_class')");
        assertThat(rewriter.rewrite("SELECT typinput='pg_catalog.array_in'::regproc FROM pg_type"))
                .hasValue("SELECT typinput='array_in' FROM pgcat.pg_type");
        assertThat(rewriter.rewrite("SELECT w <> ALL ('{a,b}'::text[]) FROM pg_type"))
                .hasValue("SELECT w <> ALL (pgcat.text_array('{a,b}')) FROM pgcat.pg_type");
        assertThat(rewriter.rewrite("SELECT t.oid::pg_catalog.regtype::text FROM pg_type t"))
                .hasValue("SELECT t.oid::UINTEGER::VARCHAR FROM pgcat.pg_type t");
    }

    @Test
    void recognisesCatalogFunctionsAndNiladicKeywords() {
        assertThat(rewriter.rewrite("select version()")).hasValue("select pgcat.version()");
        assertThat(rewriter.rewrite("SELECT current_schema(),session_user"))
                .hasValue("SELECT pgcat.current_schema(),pgcat.session_user()");
        assertThat(rewriter.rewrite("SELECT * FROM information_schema.tables"))
                .hasValue("SELECT * FROM pgisc.tables");
        assertThat(rewriter.rewrite("SELECT * FROM sluice.pipelines"))
                .hasValue("SELECT * FROM sluice.pipelines");
    }

    @Test
    void leavesOtherStatementsAlone() {
        assertThat(rewriter.rewrite("SELECT count(*) FROM events")).isEmpty();
        assertThat(rewriter.rewrite("SELECT array_to_string(tags, ',') FROM events")).isEmpty();
        assertThat(rewriter.rewrite("SELECT 'pg_catalog.pg_class' FROM events")).isEmpty();
        assertThat(rewriter.rewrite("CREATE TABLE pg_class (a int)")).isEmpty();
        assertThat(rewriter.rewrite("SELECT pg_type.oid FROM events pg_type")).isEmpty();
        assertThat(rewriter.rewrite("WITH a AS (SELECT 1) DELETE FROM pg_catalog.pg_class"))
                .isEmpty();
    }
}
