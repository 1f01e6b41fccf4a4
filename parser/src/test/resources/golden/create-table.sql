CREATE TABLE IF NOT EXISTS Events (
  id TEXT PRIMARY KEY,
  "Timestamp" TIMESTAMP NOT NULL,
  ts TIMESTAMPTZ NULL,
  value JSON,
  n INT, big BIGINT, d DOUBLE, ok BOOLEAN, name VARCHAR(20), amount DECIMAL(10, 2)
) WITH (connector = 'kafka', 'json.unstructured' = true, partitions = 10, mode = append, a.b = 'x', "user" = 'y');
create table keyed (a text, b text not null, primary key (a, b));
create table bare;
create table empty_options with ();
create table s with (connector = 'filesystem', rollover_seconds = interval '10' second, partition_fields = array['region', 'day'], target_file_size = 134217728, 'json.unstructured' = false);
