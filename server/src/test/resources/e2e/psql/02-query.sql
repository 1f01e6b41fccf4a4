-- After events arrived over HTTP and the sink rolled its file over, the same session asks the lake.
SELECT count(*) FROM account_created_sink;

SELECT id, timestamp, signup_method, campaign_id, product
FROM account_created_sink
ORDER BY id;

SELECT signup_method, count(*) AS signups
FROM account_created_sink
GROUP BY signup_method;

SELECT count(*) FROM nowhere;

-- psql reads a large result through a cursor, FETCH_COUNT rows at a time.
\set FETCH_COUNT 2
SELECT id FROM account_created_sink ORDER BY id;
\unset FETCH_COUNT
