package io.sluice.server.pgcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgjdbc's DatabaseMetaData and DBeaver's connect-and-browse queries against a running server. */
class TestClientCatalogQueries {
    @TempDir static Path dataDir;
    private static CatalogTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = CatalogTestServer.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void getTablesListsSluiceTables() throws SQLException {
        try (Connection connection = server.connect();
                ResultSet rs =
                        connection
                                .getMetaData()
                                .getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
            }
            assertThat(tables).containsExactly("public.account_created", "public.events");
        }
    }

    @Test
    void getColumnsReportsPostgresTypes() throws SQLException {
        try (Connection connection = server.connect();
                ResultSet rs = connection.getMetaData().getColumns(null, "public", "events", "%")) {
            List<String> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(
                        rs.getString("COLUMN_NAME")
                                + " "
                                + rs.getString("TYPE_NAME")
                                + " "
                                + rs.getInt("NULLABLE"));
            }
            assertThat(columns)
                    .containsExactly(
                            "id text 0",
                            "timestamp timestamp 0",
                            "user_id text 1",
                            "type text 0",
                            "amount numeric 1",
                            "properties json 1");
        }
    }

    @Test
    void getSchemasAndPrimaryKeys() throws SQLException {
        try (Connection connection = server.connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = metadata.getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            assertThat(schemas).contains("public", "pg_catalog", "information_schema", "sluice");
            try (ResultSet rs = metadata.getPrimaryKeys(null, "public", "events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
                assertThat(rs.getInt("KEY_SEQ")).isEqualTo(1);
                assertThat(rs.getString("PK_NAME")).isEqualTo("events_pkey");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void getTypeInfoListsTypes() throws SQLException {
        try (Connection connection = server.connect();
                ResultSet rs = connection.getMetaData().getTypeInfo()) {
            List<String> types = new ArrayList<>();
            while (rs.next()) {
                types.add(rs.getString("TYPE_NAME"));
            }
            assertThat(types).contains("int4", "text", "timestamptz", "json", "numeric");
        }
    }

    @Test
    void versionAndPreparedCatalogQueries() throws SQLException {
        try (Connection connection = server.connect()) {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 16.4 (Sluice 0.1.0)");
            }
            // Past pgjdbc's prepare threshold the driver switches to binary results.
            try (PreparedStatement statement =
                    connection.prepareStatement(
                            "SELECT c.relname, c.oid FROM pg_catalog.pg_class c WHERE c.relname"
                                    + " = ?")) {
                for (int i = 0; i < 7; i++) {
                    statement.setString(1, "events");
                    try (ResultSet rs = statement.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("events");
                        assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(16384);
                    }
                }
            }
        }
    }

    /** DBeaver's "dependencies" tab: a parameterised join over pg_depend and its targets. */
    @Test
    void dbeaverDependencyQueryAnswers() throws SQLException {
        String query =
                "SELECT DISTINCT dep.deptype, dep.objid, cl.relkind,"
                        + " pg_get_expr(ad.adbin, ad.adrelid) AS default_value,"
                        + " CASE WHEN cl.relkind IS NOT NULL THEN cl.relkind::text ||"
                        + " COALESCE(dep.objsubid::text, '')::text WHEN co.oid IS NOT NULL THEN"
                        + " 'C'::text || contype::text WHEN rw.oid IS NOT NULL THEN 'R'::text"
                        + " WHEN la.oid IS NOT NULL THEN 'l'::text ELSE '' END AS type,"
                        + " COALESCE(cl.relname, co.conname, pr.proname, ty.typname, ns.nspname)"
                        + " AS refname"
                        + " FROM pg_depend dep LEFT JOIN pg_class cl ON dep.objid = cl.oid"
                        + " LEFT JOIN pg_proc pr ON dep.objid = pr.oid"
                        + " LEFT JOIN pg_type ty ON dep.objid = ty.oid"
                        + " LEFT JOIN pg_constraint co ON dep.objid = co.oid"
                        + " LEFT JOIN pg_rewrite rw ON dep.objid = rw.oid"
                        + " LEFT JOIN pg_language la ON dep.objid = la.oid"
                        + " LEFT JOIN pg_namespace ns ON dep.objid = ns.oid"
                        + " LEFT JOIN pg_attrdef ad ON ad.oid = dep.objid"
                        + " WHERE dep.refobjid = ? ORDER BY type";
        try (Connection connection = server.connect();
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setLong(1, 16384);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(6);
                assertThat(rs.getMetaData().getColumnName(6)).isEqualTo("refname");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void failingCatalogQueryHasSqlState() throws SQLException {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM pg_catalog.pg_nothing"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(
                            e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
        }
    }

    /** DBeaver's startup and navigator queries (PostgreSQL driver), each answered without error. */
    @Test
    void dbeaverQueriesAnswer() throws SQLException {
        List<String> queries =
                List.of(
                        "SET extra_float_digits = 3",
                        "SET application_name = 'DBeaver 25.1.5 - Main <sluice>'",
                        "SELECT current_schema(),session_user",
                        "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n LEFT OUTER"
                                + " JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND"
                                + " d.objsubid=0 AND d.classoid='pg_namespace'::regclass ORDER BY"
                                + " nspname",
                        "SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM"
                                + " pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON"
                                + " t.typnamespace = n.oid WHERE t.oid = 1034",
                        "SHOW search_path",
                        "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname='sluice'",
                        "SELECT * FROM pg_catalog.pg_settings where"
                                + " name='standard_conforming_strings'",
                        "SELECT string_agg(word, ',') from pg_catalog.pg_get_keywords() where word"
                                + " <> ALL ('{a,abs,absolute,action}'::text[])",
                        "SELECT version()",
                        "SELECT * FROM pg_catalog.pg_enum WHERE 1<>1 LIMIT 1",
                        "SELECT reltype FROM pg_catalog.pg_class WHERE 1<>1 LIMIT 1",
                        "SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0),"
                            + " t.typtypmod) as base_type_name, d.description FROM"
                            + " pg_catalog.pg_type t LEFT OUTER JOIN pg_catalog.pg_class c ON"
                            + " c.oid=t.typrelid LEFT OUTER JOIN pg_catalog.pg_description d ON"
                            + " t.oid=d.objoid WHERE t.typname IS NOT NULL AND (c.relkind IS NULL"
                            + " OR c.relkind = 'c')",
                        "SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound,"
                            + " c.oid) as partition_expr, pg_catalog.pg_get_partkeydef(c.oid) as"
                            + " partition_key FROM pg_catalog.pg_class c LEFT OUTER JOIN"
                            + " pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND"
                            + " d.classoid='pg_class'::regclass WHERE c.relnamespace=2200 AND"
                            + " c.relkind not in ('i','I','c')",
                        "select c.oid,pg_catalog.pg_total_relation_size(c.oid) as total_rel_size,"
                                + "pg_catalog.pg_relation_size(c.oid) as rel_size FROM pg_class c"
                                + " WHERE c.relnamespace=2200",
                        "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as"
                            + " def_value,dsc.description,dep.objid FROM pg_catalog.pg_attribute a"
                            + " INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid) LEFT OUTER"
                            + " JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND"
                            + " a.attnum = ad.adnum) LEFT OUTER JOIN pg_catalog.pg_description dsc"
                            + " ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid) LEFT OUTER JOIN"
                            + " pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i'"
                            + " and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid"
                            + " WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND"
                            + " c.oid=16384 ORDER BY a.attnum",
                        "SELECT i.*,i.indkey as"
                            + " keys,c.relname,c.relnamespace,c.relam,c.reltablespace,tc.relname as"
                            + " tabrelname,dsc.description,pg_catalog.pg_get_expr(i.indpred,"
                            + " i.indrelid) as pred_expr,pg_catalog.pg_get_expr(i.indexprs,"
                            + " i.indrelid, true) as expr,pg_catalog.pg_relation_size(i.indexrelid)"
                            + " as index_rel_size,pg_catalog.pg_stat_get_numscans(i.indexrelid) as"
                            + " index_num_scans FROM pg_catalog.pg_index i INNER JOIN"
                            + " pg_catalog.pg_class c ON c.oid=i.indexrelid INNER JOIN"
                            + " pg_catalog.pg_class tc ON tc.oid=i.indrelid LEFT OUTER JOIN"
                            + " pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid WHERE"
                            + " i.indrelid=16384 ORDER BY tabrelname, c.relname",
                        "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as"
                            + " refnamespace,d.description, case when c.contype='c' then"
                            + " \"substring\"(pg_get_constraintdef(c.oid), 7) else null end"
                            + " consrc_copy FROM pg_catalog.pg_constraint c INNER JOIN"
                            + " pg_catalog.pg_class t ON t.oid=c.conrelid LEFT OUTER JOIN"
                            + " pg_catalog.pg_class rt ON rt.oid=c.confrelid LEFT OUTER JOIN"
                            + " pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND"
                            + " d.classoid='pg_constraint'::regclass WHERE c.conrelid=16384 ORDER"
                            + " BY c.oid");
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            for (String query : queries) {
                try {
                    if (statement.execute(query)) {
                        try (ResultSet rs = statement.getResultSet()) {
                            assertThat(rs.getMetaData().getColumnCount()).isPositive();
                            while (rs.next()) {
                                rs.getString(1);
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new AssertionError("DBeaver query failed: " + query, e);
                }
            }
        }
    }
}
