select 1;
select * from
