-- As V13_1 for the IM tables: case- and accent-sensitive keys, so that nodes "news" and "News" or
-- items "Item" and "item" are distinct (as on H2 and PostgreSQL) and lists sort by code point.
-- MariaDB's TEXT holds only 64 KiB; a payload (an avatar's data) or a node form may be larger.
ALTER TABLE pubsub_nodes CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE pubsub_nodes MODIFY config MEDIUMTEXT NOT NULL;
ALTER TABLE pubsub_items CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE pubsub_items MODIFY payload MEDIUMTEXT;
ALTER TABLE pubsub_subscriptions CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE pubsub_affiliations CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
