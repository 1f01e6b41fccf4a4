package io.sluice.server.pgcatalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psycopg2 and node-postgres against a running server: connect, query a lake table, a parameterised
 * catalog query, and an error with its SQLSTATE. Each test is skipped when its runtime or driver is
 * not installed.
 */
class TestDriverCompat {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

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
    void psycopg2() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
        assumeTrue(
                run(dataDir, List.of(PYTHON.toString(), "-c", "import psycopg2")).exitCode() == 0,
                "psycopg2 is not installed");
        String script =
                String.join(
                        "\n",
                        "import os, psycopg2",
                        "conn = psycopg2.connect(host='127.0.0.1', port=int(os.environ['PORT']),",
                        "    user=os.environ['USER_NAME'], password=os.environ['PASSWORD'],"
                                + " dbname='sluice')",
                        "conn.autocommit = True",
                        "cur = conn.cursor()",
                        "cur.execute('SELECT count(*) FROM account_created')",
                        "print('count', cur.fetchone()[0])",
                        "cur.execute('SELECT relname FROM pg_catalog.pg_class WHERE relname = %s',"
                                + " ('events',))",
                        "print('relname', cur.fetchone()[0])",
                        "try:",
                        "    cur.execute('SELECT * FROM no_such_table')",
                        "except psycopg2.Error as e:",
                        "    print('error', e.pgcode)",
                        "");
        Path file = dataDir.resolve("compat.py");
        Files.writeString(file, script, UTF_8);
        Result result = run(dataDir, List.of(PYTHON.toString(), file.toString()));
        assertThat(result.output()).isEqualTo("count 0\nrelname events\nerror 42P01\n");
    }

    @Test
    void nodePostgres() throws Exception {
        Path directory = dataDir.resolve("node");
        Files.createDirectories(directory);
        assumeTrue(tryRun(directory, List.of("node", "--version")), "node is not installed");
        assumeTrue(
                tryRun(directory, List.of("npm", "install", "--silent", "--no-audit", "pg")),
                "the pg package cannot be installed");
        String script =
                String.join(
                        "\n",
                        "const { Client } = require('pg');",
                        "(async () => {",
                        "  const client = new Client({ host: '127.0.0.1', port:"
                                + " Number(process.env.PORT),",
                        "    user: process.env.USER_NAME, password: process.env.PASSWORD,"
                                + " database: 'sluice' });",
                        "  await client.connect();",
                        "  let r = await client.query('SELECT count(*) AS n FROM"
                                + " account_created');",
                        "  console.log('count ' + r.rows[0].n);",
                        "  r = await client.query('SELECT relname FROM pg_catalog.pg_class WHERE"
                                + " relname = $1', ['events']);",
                        "  console.log('relname ' + r.rows[0].relname);",
                        "  try { await client.query('SELECT * FROM no_such_table'); }",
                        "  catch (e) { console.log('error ' + e.code); }",
                        "  await client.end();",
                        "})();",
                        "");
        Files.writeString(directory.resolve("compat.js"), script, UTF_8);
        Result result = run(directory, List.of("node", "compat.js"));
        assertThat(result.output()).isEqualTo("count 0\nrelname events\nerror 42P01\n");
    }

    private static boolean tryRun(Path directory, List<String> command) {
        try {
            return run(directory, command).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result run(Path directory, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("PORT", String.valueOf(server.port()));
        builder.environment().put("USER_NAME", CatalogTestServer.USER);
        builder.environment().put("PASSWORD", CatalogTestServer.PASSWORD);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {}
}
