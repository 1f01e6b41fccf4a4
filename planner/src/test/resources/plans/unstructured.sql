-- An unstructured JSON source copied whole into a sink, and a nested JSON path.
create table raw_events with (
connector = 'kafka',
bootstrap_servers = 'localhost:9092',
topic = 'analytics',
'json.unstructured' = true,
type = 'source'
);

create table raw_copy with (connector = 'delta', path = '/lake/raw_copy');

insert into raw_copy
select value, value->'properties' as props, value->'properties'->>'country' as country
from raw_events
where value->>'type' = 'page_view' or value->>'type' is null;
