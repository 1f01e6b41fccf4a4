show tables;
SHOW PIPELINES;
show connection profiles;
show create table events;
show search_path;
show server_version;
show all;
show "TimeZone";
