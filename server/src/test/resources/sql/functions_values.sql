-- Functions evaluated on real events: previews of a topic holding four fixed events, read from its start.
CREATE TABLE fv_events (
  id TEXT,
  timestamp TIMESTAMP NOT NULL,
  ip TEXT,
  user_id TEXT,
  platform TEXT,
  app_version TEXT,
  type TEXT NOT NULL,
  properties JSON
) WITH (connector = 'kafka', bootstrap_servers = '${bootstrap_servers}', topic = '${events_topic}', format = 'json', type = 'source');
SET preview_start = 'earliest';
SELECT id, lower(platform) AS platform, upper(type) AS type, trim(user_id) AS user_id, length(user_id) AS len, substr(type, 1, 4) AS head, id || '/' || platform AS path, concat(id, '-', app_version) AS joined FROM fv_events LIMIT 4;
SELECT id, replace(type, '_', ' ') AS spaced, split_part(user_id, '-', 2) AS part2, starts_with(id, 'u-') AS is_user, regexp_extract(user_id, '([0-9]+)') AS digits, regexp_replace(platform, '[aeiou]', '*') AS masked, platform ILIKE 'web' AS on_web, md5(id) AS md5 FROM fv_events LIMIT 4;
SELECT id, date_trunc('hour', timestamp) AS hour_start, date_trunc('month', timestamp) AS month_start, EXTRACT(DAY FROM timestamp) AS day_of_month, epoch_ms(timestamp) AS ms, timestamp + INTERVAL '1' DAY AS next_day FROM fv_events LIMIT 4;
SELECT id, properties->>'campaign_id' AS campaign, json_get_int(properties, 'count') AS n, json_get_str(properties, 'user', 'name') AS user_name, json_get_bool(properties, 'premium') AS premium, json_get_float(properties, 'amount') AS amount, json_length(properties, 'tags') AS tags, json_contains(properties, 'items') AS has_items, extract_json_string(properties, '$.items[1].sku') AS sku FROM fv_events LIMIT 4;
SELECT id, NULLIF(platform, 'ios') AS not_ios, COALESCE(ip, 'unknown') AS ip, platform IN ('ios', 'android') AS mobile, app_version IS DISTINCT FROM 'v2.0' AS other_version, CASE WHEN type = 'purchase' THEN 'money' ELSE 'other' END AS kind FROM fv_events LIMIT 4;
SELECT id FROM fv_events WHERE json_get_int(properties, 'count') > 5 OR type = 'logout' LIMIT 2;
DROP TABLE fv_events;
