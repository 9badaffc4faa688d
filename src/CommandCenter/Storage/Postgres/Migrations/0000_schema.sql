-- The first migration: the schema's own comment, so a database made by the center says so.
COMMENT ON TABLE cc_schema_migrations IS 'Migrations of the grid command center, applied at start (src/CommandCenter/Storage/Postgres/Migrations).';
