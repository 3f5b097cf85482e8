-- Rosters (RFC 6121 §2) and subscription state (§3, Appendix A) of local users; see
-- docs/modules/mod_roster.md. Key columns are varchar(250) as in V1__users.sql: the three-column
-- primary key of roster_items takes 3000 bytes with MariaDB's utf8mb4, within InnoDB's 3072.

-- One row per user whose roster ever changed; the row is also what a change locks
-- (SELECT ... FOR UPDATE) so that concurrent changes of one roster apply one after the other.
CREATE TABLE roster_versions (
    server    VARCHAR(250) NOT NULL,
    username  VARCHAR(250) NOT NULL,
    version   BIGINT       NOT NULL,
    PRIMARY KEY (server, username)
);

-- subscription: none, to, from, both. ask_out: pending outbound request (ask='subscribe').
-- pending_in: a request from the contact awaits the user's answer; pending_status is its status
-- text. hidden: kept only for a request from someone the user never added (not in the roster).
CREATE TABLE roster_items (
    server          VARCHAR(250)  NOT NULL,
    username        VARCHAR(250)  NOT NULL,
    contact         VARCHAR(250)  NOT NULL,
    name            VARCHAR(1024),
    subscription    VARCHAR(4)    NOT NULL,
    ask_out         BOOLEAN       NOT NULL,
    pending_in      BOOLEAN       NOT NULL,
    pending_status  VARCHAR(1024),
    pre_approved    BOOLEAN       NOT NULL,
    hidden          BOOLEAN       NOT NULL,
    PRIMARY KEY (server, username, contact)
);

-- Groups of an item, in the user's order. No primary key: a key including the group name would
-- exceed MariaDB's index size limit; the store rewrites an item's groups as a whole.
CREATE TABLE roster_groups (
    server    VARCHAR(250)  NOT NULL,
    username  VARCHAR(250)  NOT NULL,
    contact   VARCHAR(250)  NOT NULL,
    position  INTEGER       NOT NULL,
    name      VARCHAR(1024) NOT NULL
);
CREATE INDEX roster_groups_item ON roster_groups (server, username, contact);
