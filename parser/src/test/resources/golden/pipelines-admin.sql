alter pipeline account_created set (parallelism = 2, checkpoint_interval = '10s');
alter pipeline p set (checkpoint_interval = '1m');
show create pipeline account_created;
show checkpoints for pipeline account_created;
show checkpoints;
