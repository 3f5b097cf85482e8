-- MariaDB's default collations ignore case and fold accents ('Jürgen' = 'jurgen'), which would
-- merge distinct accounts; utf8mb4_bin compares and sorts code points, like H2 and PostgreSQL's
-- "C". CONVERT also fixes a database created with a non-UTF-8 default character set.
ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
