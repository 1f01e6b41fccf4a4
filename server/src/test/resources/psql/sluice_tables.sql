select name, kind, connector, primary_key from sluice.tables order by name;
\conninfo
