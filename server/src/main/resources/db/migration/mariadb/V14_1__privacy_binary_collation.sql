-- As V1_1 for users: case- and accent-sensitive keys, list names and values.
ALTER TABLE privacy_lists CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE privacy_default_list CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE privacy_items CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
