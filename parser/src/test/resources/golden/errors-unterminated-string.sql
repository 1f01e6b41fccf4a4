select 'abc
