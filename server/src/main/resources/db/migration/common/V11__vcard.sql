-- vCards (XEP-0054) of local users as XML text; see docs/modules/mod_vcard.md. photo_hash is the
-- XEP-0153 hash of the PHOTO (hex SHA-1, '' without a photo, NULL when it cannot be computed).
CREATE TABLE vcards (
    server      VARCHAR(250) NOT NULL,
    username    VARCHAR(250) NOT NULL,
    vcard       TEXT         NOT NULL,
    photo_hash  VARCHAR(40),
    PRIMARY KEY (server, username)
);
