explain insert into sink select id, properties->>'x' as x from events where type = 'a';
explain plan for insert into sink select id from events;
explain select count(*) from account_created_sink;
describe events;
describe table events;
