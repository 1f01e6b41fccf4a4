create table t (ts TIMESTAMP, watermark for ts, watermark for ts) with (connector = 'kafka');
