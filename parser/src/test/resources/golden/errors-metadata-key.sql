create table t (o BIGINT METADATA FROM offset_id) with (connector = 'kafka');
