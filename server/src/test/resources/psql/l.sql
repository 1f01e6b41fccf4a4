\l
