-- DROP TABLE and DROP CONNECTION PROFILE, with and without IF EXISTS.
DROP TABLE IF EXISTS nothing_here;
DROP TABLE nothing_here;
DROP CONNECTION PROFILE IF EXISTS no_profile;
DROP CONNECTION PROFILE no_profile;
CREATE CONNECTION PROFILE drop_kafka WITH (bootstrap_servers = '${bootstrap_servers}');
CREATE TABLE drop_events (id TEXT, n BIGINT) WITH (connector = 'kafka', connection_profile = 'drop_kafka', topic = '${topic}', format = 'json', type = 'source');
CREATE TABLE drop_sink WITH (connector = 'filesystem', path = '${lake}', format = 'parquet');
CREATE PIPELINE drop_pipeline AS INSERT INTO drop_sink SELECT id, n FROM drop_events;
-- A table a pipeline uses cannot be dropped.
DROP TABLE drop_events;
DROP TABLE IF EXISTS drop_sink;
DROP PIPELINE drop_pipeline;
DROP TABLE drop_events;
DROP TABLE drop_sink;
DROP CONNECTION PROFILE drop_kafka;
DROP CONNECTION PROFILE IF EXISTS drop_kafka;
