-- SHOW CREATE PIPELINE, EXPLAIN, ALTER PIPELINE and SHOW CHECKPOINTS.
CREATE TABLE pipes_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  properties JSON
) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', format = 'json', type = 'source');
CREATE TABLE pipes_sink WITH (connector = 'filesystem', path = '${lake}', format = 'parquet');
EXPLAIN INSERT INTO pipes_sink SELECT id, properties->>'signup_method' AS signup_method FROM pipes_events WHERE type = 'account_created';
EXPLAIN PLAN FOR INSERT INTO pipes_sink SELECT id FROM pipes_events;
CREATE PIPELINE pipes_signups WITH (parallelism = 2) AS INSERT INTO pipes_sink SELECT id, properties->>'signup_method' AS signup_method FROM pipes_events WHERE type = 'account_created';
SHOW CREATE PIPELINE pipes_signups;
ALTER PIPELINE pipes_signups SET (checkpoint_interval = '2s');
SHOW CREATE PIPELINE pipes_signups;
ALTER PIPELINE pipes_signups SET (parallelism = 0);
ALTER PIPELINE pipes_signups SET (checkpoint_interval = 'soon');
ALTER PIPELINE pipes_signups SET (paralelism = 3);
ALTER PIPELINE no_such_pipeline SET (parallelism = 3);
SHOW CREATE PIPELINE no_such_pipeline;
-- rows vary
SHOW CHECKPOINTS FOR PIPELINE pipes_signups;
SHOW CHECKPOINTS FOR PIPELINE no_such_pipeline;
DROP PIPELINE pipes_signups;
DROP TABLE pipes_events;
DROP TABLE pipes_sink;
