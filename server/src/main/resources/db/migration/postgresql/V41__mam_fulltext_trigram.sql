-- Full-text search of mod_mam (LOWER(body) LIKE '%text%', case-insensitive substring) through a
-- trigram index, so it no longer scans the owner's whole archive. pg_trgm ships with PostgreSQL
-- and is a trusted extension (13+): the database owner may create it. Where it cannot be created
-- (no privilege, package not installed) the search keeps working as a scan: the server must still
-- start. Building the index locks writes to mam_messages while it runs (about a second per
-- 100,000 archived messages).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX mam_messages_body_trgm ON mam_messages USING gin (LOWER(body) gin_trgm_ops);
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE WARNING 'mod_mam: pg_trgm unavailable (%), full-text search scans', SQLERRM;
END
$$;
