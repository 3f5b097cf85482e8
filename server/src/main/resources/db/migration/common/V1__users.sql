-- Accounts and their SCRAM credentials (RFC 5802 §3), one column group per hash; a group is
-- all NULL when the account has no credentials for that hash.
--
-- Salts and keys are base64 text rather than binary: VARBINARY, BYTEA and BINARY VARYING have no
-- spelling common to H2, PostgreSQL and MariaDB, and text reads the same in every admin tool and
-- dump (as in MongooseIM and ejabberd). Keys are at most 64 bytes (SHA-512) = 88 base64 chars.
--
-- The key columns are varchar(250): with MariaDB's utf8mb4 (4 bytes a char) the primary key takes
-- 2000 bytes, within InnoDB's 3072-byte index limit.
--
-- created_at is written by the server as UTC; the default only serves rows inserted by hand.
CREATE TABLE users (
    server             VARCHAR(250) NOT NULL,
    username           VARCHAR(250) NOT NULL,
    sha1_salt          VARCHAR(255),
    sha1_iterations    INTEGER,
    sha1_stored_key    VARCHAR(128),
    sha1_server_key    VARCHAR(128),
    sha256_salt        VARCHAR(255),
    sha256_iterations  INTEGER,
    sha256_stored_key  VARCHAR(128),
    sha256_server_key  VARCHAR(128),
    sha512_salt        VARCHAR(255),
    sha512_iterations  INTEGER,
    sha512_stored_key  VARCHAR(128),
    sha512_server_key  VARCHAR(128),
    created_at         TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (server, username)
);
