-- One row per user that has (or had) offline messages: what JdbcOfflineStore locks (SELECT ... FOR
-- UPDATE) while it checks the quota and numbers a new message, so that concurrent senders to one
-- user queue up instead of racing for the same seq. A table of its own because the offline store
-- must not depend on the account store (accounts may live in LDAP or behind HTTP).
CREATE TABLE offline_users (
    server    VARCHAR(250) NOT NULL,
    username  VARCHAR(250) NOT NULL,
    PRIMARY KEY (server, username)
);
