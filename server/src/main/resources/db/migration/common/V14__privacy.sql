-- Privacy lists (XEP-0016) of local users; the XEP-0191 blocklist is the deny-everything JID items
-- of the default list. See docs/modules/mod_privacy.md. Key columns are varchar(250) as in
-- V1__users.sql: the primary key of privacy_lists takes 3000 bytes with MariaDB's utf8mb4.

-- One row per list, also what a change of the list locks (SELECT ... FOR UPDATE).
CREATE TABLE privacy_lists (
    server    VARCHAR(250) NOT NULL,
    username  VARCHAR(250) NOT NULL,
    name      VARCHAR(250) NOT NULL,
    PRIMARY KEY (server, username, name)
);

-- The user's default list, if any.
CREATE TABLE privacy_default_list (
    server    VARCHAR(250) NOT NULL,
    username  VARCHAR(250) NOT NULL,
    name      VARCHAR(250) NOT NULL,
    PRIMARY KEY (server, username)
);

-- Items of a list. item_type: jid, group, subscription, none (fall-through, no value).
-- item_order is the XEP's unsigned 32-bit 'order'. The match_* flags are the child elements; all
-- false means the item applies to every stanza. No primary key (see roster_groups in V2): the
-- store rewrites a list's items as a whole.
CREATE TABLE privacy_items (
    server              VARCHAR(250)  NOT NULL,
    username            VARCHAR(250)  NOT NULL,
    list_name           VARCHAR(250)  NOT NULL,
    item_type           VARCHAR(12)   NOT NULL,
    item_value          VARCHAR(1024),
    item_action         VARCHAR(5)    NOT NULL,
    item_order          BIGINT        NOT NULL,
    match_message       BOOLEAN       NOT NULL,
    match_iq            BOOLEAN       NOT NULL,
    match_presence_in   BOOLEAN       NOT NULL,
    match_presence_out  BOOLEAN       NOT NULL
);
CREATE INDEX privacy_items_list ON privacy_items (server, username, list_name);
