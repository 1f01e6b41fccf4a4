-- METADATA FROM, GENERATED ALWAYS AS and WATERMARK FOR clauses of a table's columns.
ALTER TABLE tables
    ADD COLUMN column_clauses JSONB NOT NULL DEFAULT '{"metadata": {}, "generated": {}}';
