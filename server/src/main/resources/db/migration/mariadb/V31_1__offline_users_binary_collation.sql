-- As V13_1 for offline_messages: case- and accent-sensitive keys.
ALTER TABLE offline_users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
