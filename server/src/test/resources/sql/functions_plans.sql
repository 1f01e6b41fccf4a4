-- Functions in pipelines: how they plan, and the errors a wrong call gets before anything runs.
CREATE TABLE fn_events (
  id TEXT,
  ts TIMESTAMP NOT NULL,
  name TEXT,
  properties JSON
) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', format = 'json', type = 'source');
CREATE TABLE fn_sink WITH (connector = 'filesystem', path = '${lake}', format = 'parquet');
EXPLAIN INSERT INTO fn_sink SELECT lower(trim(name)) AS name, split_part(id, '-', 1) AS prefix, regexp_extract(name, '([0-9]+)') AS digits, md5(id) AS hash FROM fn_events WHERE starts_with(id, 'u-') AND name ILIKE '%a%';
EXPLAIN INSERT INTO fn_sink SELECT date_trunc('hour', ts) AS hour_start, EXTRACT(MINUTE FROM ts) AS minute_of_hour, epoch_ms(ts) AS ms, ts + INTERVAL '1' DAY AS next_day FROM fn_events;
EXPLAIN INSERT INTO fn_sink SELECT json_get_str(properties, 'user', 'name') AS user_name, json_get_int(properties, 'count') AS n, json_length(properties, 'tags') AS tags, extract_json_string(properties, '$.user.id') AS user_id FROM fn_events WHERE json_contains(properties, 'user');
INSERT INTO fn_sink SELECT json_get_sting(properties, 'a') AS a FROM fn_events;
INSERT INTO fn_sink SELECT lenght(name) AS n FROM fn_events;
INSERT INTO fn_sink SELECT date_trunc('fortnight', ts) AS t FROM fn_events;
INSERT INTO fn_sink SELECT regexp_replace(name, '([a-z', '') AS r FROM fn_events;
INSERT INTO fn_sink SELECT json_get_str(properties, name) AS r FROM fn_events;
INSERT INTO fn_sink SELECT extract_json(properties, '$.tags[*]') AS r FROM fn_events;
CREATE PIPELINE fn_pipe AS INSERT INTO fn_sink SELECT split_part(id, '-', 2) AS part, json_get_str(properties, 'user', 'name') AS user_name FROM fn_events;
DROP TABLE fn_events;
DROP PIPELINE fn_pipe;
DROP TABLE fn_sink;
DROP TABLE fn_events;
