-- As V1_1 for users: case- and accent-sensitive keys, so distinct accounts and namespaces never
-- share rows. MariaDB's TEXT holds only 64 KiB (bytes, i.e. fewer characters in utf8mb4), less than
-- a stored stanza or vCard may take; MEDIUMTEXT holds 16 MiB.
ALTER TABLE offline_messages CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE offline_messages MODIFY packet MEDIUMTEXT NOT NULL;
ALTER TABLE vcards CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE vcards MODIFY vcard MEDIUMTEXT NOT NULL;
ALTER TABLE private_storage CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE private_storage MODIFY data MEDIUMTEXT NOT NULL;
ALTER TABLE last_activity CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
