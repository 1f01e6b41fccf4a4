-- A SELECT over a source table previews the stream: rows appear as events arrive, up to the LIMIT.
create table clicks (value JSON) with (
connector = 'kafka',
bootstrap_servers = :'bootstrap',
topic = :'clicks_topic',
format = 'json',
'json.unstructured' = true,
type = 'source'
);

select * from clicks limit 3;

-- With FETCH_COUNT psql reads the preview through a cursor.
\set FETCH_COUNT 2
select value->>'page' as page from clicks limit 3;
\unset FETCH_COUNT
