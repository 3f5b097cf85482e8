-- Persistent rooms of XEP-0045 services (mod_muc); see docs/modules/mod_muc.md. Temporary rooms
-- live only in memory. Key columns are varchar(250) as in V1__users.sql.

-- config: the room configuration as key=value lines (RoomConfig.encode), so a new option needs no
-- migration. subject_nick is NULL when the room itself set the subject.
CREATE TABLE muc_rooms (
    service       VARCHAR(250)  NOT NULL,
    name          VARCHAR(250)  NOT NULL,
    config        VARCHAR(8000) NOT NULL,
    subject       VARCHAR(4000) NOT NULL,
    subject_nick  VARCHAR(1024),
    PRIMARY KEY (service, name)
);

-- Affiliations other than none (owner, admin, member, outcast) of stored rooms, by bare JID.
CREATE TABLE muc_affiliations (
    service      VARCHAR(250) NOT NULL,
    name         VARCHAR(250) NOT NULL,
    jid          VARCHAR(500) NOT NULL,
    affiliation  VARCHAR(10)  NOT NULL
);
CREATE INDEX muc_affiliations_room ON muc_affiliations (service, name);
