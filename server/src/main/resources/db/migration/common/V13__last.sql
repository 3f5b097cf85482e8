-- Last activity (XEP-0012) of local users: when the last session ended (Unix seconds) and the
-- status text it left with; see docs/modules/mod_last.md.
CREATE TABLE last_activity (
    server    VARCHAR(250)  NOT NULL,
    username  VARCHAR(250)  NOT NULL,
    seconds   BIGINT        NOT NULL,
    status    VARCHAR(1024) NOT NULL,
    PRIMARY KEY (server, username)
);
