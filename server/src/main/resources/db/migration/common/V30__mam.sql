-- Message archives (XEP-0313) and archiving preferences (XEP-0441); see docs/modules/mod_mam.md.
-- owner is the archive's bare JID (an account, or a chat room). id is the archive id: Unix
-- milliseconds << 20 plus a counter, so it sorts in arrival order and also serves as the timestamp
-- (time filters become id ranges on the primary key). with_bare/with_resource are the other party
-- ('' when it has no resource), outgoing is 1 for messages the owner sent, body is the body text
-- for full-text search, packet the whole <message/> as XML text.
CREATE TABLE mam_messages (
    owner          VARCHAR(250) NOT NULL,
    id             BIGINT       NOT NULL,
    with_bare      VARCHAR(250) NOT NULL,
    with_resource  VARCHAR(250) NOT NULL,
    outgoing       SMALLINT     NOT NULL,
    body           TEXT,
    packet         TEXT         NOT NULL,
    PRIMARY KEY (owner, id)
);
CREATE INDEX mam_messages_with ON mam_messages (owner, with_bare, id);
-- retention deletes by id across all archives
CREATE INDEX mam_messages_id ON mam_messages (id);

-- always_jids and never_jids: bare JIDs, one a line.
CREATE TABLE mam_prefs (
    owner        VARCHAR(250) NOT NULL,
    default_mode VARCHAR(10)  NOT NULL,
    always_jids  TEXT         NOT NULL,
    never_jids   TEXT         NOT NULL,
    PRIMARY KEY (owner)
);
