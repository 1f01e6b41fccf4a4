-- The article's statements, as a user pastes them into psql.
CREATE CONNECTION PROFILE "analytics-redpanda" WITH (bootstrap_servers = :'bootstrap');

create table events (
value JSON
) with (
connector = 'kafka',
connection_profile = 'analytics-redpanda',
topic = :'topic',
format = 'json',
'json.unstructured' = true,
type = 'source'
);

select * from events;

create table events (
id TEXT PRIMARY KEY,
timestamp TIMESTAMP NOT NULL,
ip TEXT,
user_id TEXT,
platform TEXT,
app_version TEXT,
type TEXT NOT NULL,
properties JSON
) with (
connector = 'kafka',
connection_profile = 'analytics-redpanda',
topic = :'topic',
format = 'json',
type = 'source'
);

create table account_created_sink with (
connector = 'filesystem',
path = :'lake',
format = 'parquet',
parquet_compression = 'zstd',
rollover_seconds = '1'
);

INSERT INTO account_created_sink
SELECT
id,
timestamp,
ip,
user_id,
platform,
app_version,
-- these fields use the shorthand get_json_str syntax -->
properties->>'signup_method' as signup_method,
properties->>'campaign_id' as campaign_id,
properties->>'product' as product
FROM events
WHERE type = 'account_created';

SHOW TABLES;

-- Mistakes get a SQLSTATE-bearing error that points at them, and the session goes on.
SELEC 1;
create table s with (connector = 'filesystem', path = 'file:///lake/s', rollover_secs = '10');
