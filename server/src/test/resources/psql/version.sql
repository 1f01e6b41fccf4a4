select version();
select current_schema(), current_user, current_database();
