-- As V1_1 for users: exact, case-sensitive JIDs; MEDIUMTEXT for stanzas larger than TEXT's 64 KiB.
ALTER TABLE mam_messages CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE mam_messages MODIFY packet MEDIUMTEXT NOT NULL;
ALTER TABLE mam_messages MODIFY body MEDIUMTEXT;
ALTER TABLE mam_prefs CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE mam_prefs MODIFY always_jids MEDIUMTEXT NOT NULL;
ALTER TABLE mam_prefs MODIFY never_jids MEDIUMTEXT NOT NULL;
