create table t (a text) with (k = );
