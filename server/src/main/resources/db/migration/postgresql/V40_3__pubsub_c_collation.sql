-- As V1_1 for users: node names and JIDs sort as code points, as on H2 and MariaDB (utf8mb4_bin),
-- not by the database's locale, so that listings do not depend on how the cluster was initialised.
ALTER TABLE pubsub_nodes ALTER COLUMN node TYPE VARCHAR(250) COLLATE "C";
ALTER TABLE pubsub_subscriptions ALTER COLUMN node TYPE VARCHAR(250) COLLATE "C";
ALTER TABLE pubsub_subscriptions ALTER COLUMN jid TYPE VARCHAR(250) COLLATE "C";
ALTER TABLE pubsub_affiliations ALTER COLUMN node TYPE VARCHAR(250) COLLATE "C";
ALTER TABLE pubsub_affiliations ALTER COLUMN jid TYPE VARCHAR(250) COLLATE "C";
