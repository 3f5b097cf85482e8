-- User names are compared and sorted as code points, as on H2 and MariaDB (utf8mb4_bin), not by
-- the database's locale: paging order must not depend on how the cluster was initialised.
ALTER TABLE users ALTER COLUMN server TYPE VARCHAR(250) COLLATE "C";
ALTER TABLE users ALTER COLUMN username TYPE VARCHAR(250) COLLATE "C";
