-- Option values: intervals, arrays, numbers, booleans, {{ VAR }} placeholders; secrets never shown.
CREATE TABLE opt_events (id TEXT, n BIGINT) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '{{ SLUICE_TEST_UNSET_TOPIC }}', format = 'json', type = 'source');
SHOW CREATE TABLE opt_events;
CREATE TABLE opt_sink (id TEXT, n BIGINT) WITH (connector = 'filesystem', path = '${lake}', format = 'parquet', rollover_seconds = INTERVAL '30' SECOND, target_file_size = 134217728, 's3.path_style' = true, 's3.secret_access_key' = 'opt-secret-value');
SHOW CREATE TABLE opt_sink;
EXPLAIN INSERT INTO opt_sink SELECT id, n FROM opt_events;
CREATE TABLE opt_bad (id TEXT) WITH (connector = 'filesystem', path = '${lake}', rollover_seconds = ARRAY['a', 'b'], 's3.secret_access_key' = 'opt-secret-value');
CREATE PIPELINE opt_p AS INSERT INTO opt_sink SELECT id, n FROM opt_events;
DROP PIPELINE IF EXISTS opt_p;
DROP TABLE opt_events;
DROP TABLE opt_sink;
