-- SHOW CREATE TABLE, DESCRIBE and SHOW TABLES; secret option values never shown.
CREATE CONNECTION PROFILE tables_kafka WITH (bootstrap_servers = '${bootstrap_servers}', 'sasl.password' = 'profile-secret-value');
SHOW CONNECTION PROFILES;
CREATE TABLE tables_events (
  id TEXT PRIMARY KEY,
  timestamp TIMESTAMP NOT NULL,
  n BIGINT,
  properties JSON
) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${topic}', format = 'json', type = 'source');
DESCRIBE tables_events;
DESCRIBE TABLE tables_events;
CREATE TABLE tables_secret_sink (id TEXT, n BIGINT) WITH (connector = 'filesystem', path = '${lake}', format = 'parquet', 's3.access_key_id' = 'AKIAEXAMPLE', 's3.secret_access_key' = 'sink-secret-value');
SHOW CREATE TABLE tables_secret_sink;
SHOW TABLES;
CREATE TABLE tables_bad_sink (id TEXT) WITH (connector = 'filesystem', path = '${lake}', format = 'parquet', 's3.secret_access_key' = 'sink-secret-value', 's3.path_style' = 'perhaps');
DESCRIBE no_such_table;
SHOW CREATE TABLE no_such_table;
DROP TABLE tables_events;
DROP TABLE tables_secret_sink;
DROP CONNECTION PROFILE tables_kafka;
