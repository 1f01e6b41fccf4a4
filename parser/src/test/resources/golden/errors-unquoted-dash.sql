create connection profile analytics-redpanda with (type = 'kafka');
