create table events (
  id TEXT PRIMARY KEY,
  kafka_offset BIGINT METADATA FROM 'offset_id',
  kafka_partition INT NOT NULL METADATA FROM 'partition',
  topic TEXT METADATA FROM 'topic',
  event_time TIMESTAMP METADATA FROM 'timestamp',
  record_key BYTEA METADATA FROM 'key',
  properties JSON,
  signup_method TEXT GENERATED ALWAYS AS (properties->>'signup_method'),
  watermark TIMESTAMP,
  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) with (connector = 'kafka', topic = 'analytics', format = 'json', type = 'source');
create table t (ts TIMESTAMP, watermark for ts) with (connector = 'kafka');
