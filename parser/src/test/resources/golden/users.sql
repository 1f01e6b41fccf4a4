create user alice with password 'pa55word';
create user "Bob" password 'x';
alter user alice with password 'n3w';
alter user alice password 'n3w';
drop user alice;
drop user if exists "Bob";
