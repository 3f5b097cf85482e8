-- Private XML storage (XEP-0049) of local users: one element per namespace, as XML text; see
-- docs/modules/mod_private.md.
CREATE TABLE private_storage (
    server     VARCHAR(250) NOT NULL,
    username   VARCHAR(250) NOT NULL,
    namespace  VARCHAR(250) NOT NULL,
    data       TEXT         NOT NULL,
    PRIMARY KEY (server, username, namespace)
);
