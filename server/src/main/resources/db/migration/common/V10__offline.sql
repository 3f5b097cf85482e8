-- Offline messages (XEP-0160) of local users; see docs/modules/mod_offline.md. seq numbers a
-- user's messages in arrival order (assigned by the server: identity columns have no spelling
-- common to H2, PostgreSQL and MariaDB). stamp is when the server received the message, in Unix
-- milliseconds. packet is the whole <message/> as XML text.
CREATE TABLE offline_messages (
    server    VARCHAR(250) NOT NULL,
    username  VARCHAR(250) NOT NULL,
    seq       BIGINT       NOT NULL,
    stamp     BIGINT       NOT NULL,
    packet    TEXT         NOT NULL,
    PRIMARY KEY (server, username, seq)
);
