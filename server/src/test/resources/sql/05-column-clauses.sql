-- METADATA FROM, GENERATED ALWAYS AS and WATERMARK FOR column clauses.
CREATE TABLE clause_events (
  id TEXT,
  properties JSON,
  kafka_offset BIGINT METADATA FROM 'offset_id',
  kafka_partition INT NOT NULL METADATA FROM 'partition',
  kafka_topic TEXT METADATA FROM 'topic',
  event_time TIMESTAMP METADATA FROM 'timestamp',
  record_key BYTEA METADATA FROM 'key',
  signup_method TEXT GENERATED ALWAYS AS (properties->>'signup_method'),
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', format = 'json', type = 'source');
DESCRIBE clause_events;
CREATE TABLE clause_sink WITH (connector = 'filesystem', path = '${lake}', format = 'parquet');
EXPLAIN INSERT INTO clause_sink SELECT id, kafka_offset, upper(signup_method) AS signup_upper FROM clause_events WHERE signup_method IS NOT NULL;
CREATE TABLE clause_bad_key (o BIGINT METADATA FROM 'offset') WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', type = 'source');
CREATE TABLE clause_bad_type (o TEXT METADATA FROM 'offset_id') WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', type = 'source');
CREATE TABLE clause_bad_sink (o BIGINT METADATA FROM 'offset_id') WITH (connector = 'filesystem', path = '${lake}', format = 'parquet');
CREATE TABLE clause_bad_generated (a BIGINT, b BIGINT GENERATED ALWAYS AS (a + nope)) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', type = 'source');
CREATE TABLE clause_bad_watermark (a BIGINT, WATERMARK FOR a) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', type = 'source');
DROP TABLE clause_events;
DROP TABLE clause_sink;
