select properties->>'signup_method' as m, properties->'a'->>'b', (properties->>'n')::int + 1 from events where properties->>'k' = 'v';
select x::text, '1'::integer, timestamp, value from events;
select * from events where name ~ '^a' and name !~* 'b' and name != 'c';
select transform(arr, x -> x + 1) from t;
