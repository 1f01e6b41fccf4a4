\x
select table_name, table_type from information_schema.tables where table_schema = 'public' order by 1;
\x
