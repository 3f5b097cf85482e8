-- Publish-subscribe (XEP-0060) and PEP (XEP-0163); see docs/modules/mod_pubsub.md. service is an
-- account's bare JID (PEP) or the pubsub component's domain. Keys are varchar(250) so that the
-- three-column primary keys stay within MariaDB's 3072-byte index limit with utf8mb4.

-- config: the node_config form fields as a jabber:x:data form (XML text).
CREATE TABLE pubsub_nodes (
    service  VARCHAR(250)  NOT NULL,
    node     VARCHAR(250)  NOT NULL,
    owner    VARCHAR(1024) NOT NULL,
    config   TEXT          NOT NULL,
    PRIMARY KEY (service, node)
);

-- seq orders a node's items (higher is newer; assigned by the server, see V10__offline.sql).
-- stamp: when published, Unix milliseconds. payload: the payload element as XML text, or NULL.
CREATE TABLE pubsub_items (
    service    VARCHAR(250)  NOT NULL,
    node       VARCHAR(250)  NOT NULL,
    item_id    VARCHAR(250)  NOT NULL,
    seq        BIGINT        NOT NULL,
    publisher  VARCHAR(3071),
    stamp      BIGINT        NOT NULL,
    payload    TEXT,
    PRIMARY KEY (service, node, item_id)
);

-- One subscription per JID and node; jid is bare or full as subscribed, bare_jid its bare form
-- (for "my subscriptions" look-ups). state: subscribed, pending, unconfigured.
CREATE TABLE pubsub_subscriptions (
    service   VARCHAR(250)  NOT NULL,
    node      VARCHAR(250)  NOT NULL,
    jid       VARCHAR(250)  NOT NULL,
    bare_jid  VARCHAR(250)  NOT NULL,
    subid     VARCHAR(64)   NOT NULL,
    state     VARCHAR(16)   NOT NULL,
    PRIMARY KEY (service, node, jid)
);
CREATE INDEX pubsub_subscriptions_bare ON pubsub_subscriptions (service, bare_jid);

-- affiliation: owner, publisher, publish-only, member, outcast (none is not stored).
CREATE TABLE pubsub_affiliations (
    service      VARCHAR(250) NOT NULL,
    node         VARCHAR(250) NOT NULL,
    jid          VARCHAR(250) NOT NULL,
    affiliation  VARCHAR(16)  NOT NULL,
    PRIMARY KEY (service, node, jid)
);
CREATE INDEX pubsub_affiliations_jid ON pubsub_affiliations (service, jid);
