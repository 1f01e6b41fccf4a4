-- String, time, JSON and hash functions in one projection.
create table fn_events (
id TEXT,
ts TIMESTAMP NOT NULL,
name TEXT,
n INT,
properties JSON
) with (
connector = 'kafka',
bootstrap_servers = 'localhost:9092',
topic = 'events',
format = 'json',
type = 'source'
);

create table fn_sink with (
connector = 'delta',
path = 's3://bucket/fn',
format = 'parquet'
);

INSERT INTO fn_sink
SELECT
substr(name, 2, 3) AS s1,
SUBSTRING(name FROM 2) AS s2,
name || '-' || id AS joined,
concat(name, n, NULL) AS concatenated,
length(name) AS len,
char_length(name) AS clen,
trim(name) AS t1,
TRIM(LEADING 'x' FROM name) AS t2,
btrim(name, 'xy') AS t3,
replace(name, 'a', 'b') AS replaced,
split_part(id, '-', 2) AS part,
regexp_replace(name, '(a)(b)', '\2\1', 'g') AS rr,
regexp_extract(name, '([0-9]+)') AS rx,
starts_with(name, 'ab') AS sw,
md5(name) AS m,
sha256(name) AS sh,
date_trunc('hour', ts) AS hour_start,
EXTRACT(MINUTE FROM ts) AS minute_of_hour,
date_part('epoch', ts) AS epoch_seconds,
to_timestamp(n) AS from_seconds,
epoch_ms(ts) AS ms,
ts + INTERVAL '1' HOUR AS later,
ts - INTERVAL '30' SECOND AS earlier,
json_get_str(properties, 'user', 'name') AS user_name,
json_get_int(properties, 'count') AS cnt,
json_get_float(properties, 'price') AS price,
json_get_bool(properties, 'ok') AS ok,
json_get_json(properties, 'tags', 0) AS first_tag,
json_length(properties, 'tags') AS tag_count,
extract_json(properties, '$.tags[1]') AS tags1,
extract_json_string(properties, '$.user.name') AS user_name2,
get_first_json_object(properties, '$.user') AS user_obj,
NULLIF(n, 0) AS nz,
n IN (1, 2, 3) AS small,
name ILIKE 'A%' AS starts_a,
name IS DISTINCT FROM id AS differs
FROM fn_events
WHERE json_contains(properties, 'user') AND name NOT ILIKE '%test%';
