-- As V13_1 for the IM tables: accent-sensitive keys, so that rooms "café" and "cafe" (and the
-- affiliations of zoë@ and zoe@) are distinct, as on H2 and PostgreSQL. Numbered after V40 so
-- that databases created before it migrate in order.
ALTER TABLE muc_rooms CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE muc_affiliations CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
