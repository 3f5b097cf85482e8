package dev.meerkat.mod.muc.room;

/**
 * The privilege tables of XEP-0045 §5.1.2 and §5.2.1 as pure functions: who may change whose role or
 * affiliation, and what role an affiliation gets on entering.
 */
public final class Permissions {
    private Permissions() {}

    /** §5.1.1: the role an occupant gets on entering (or when its affiliation changes). */
    public static Role defaultRole(Affiliation affiliation, boolean moderatedRoom) {
        return switch (affiliation) {
            case OWNER, ADMIN -> Role.MODERATOR;
            case MEMBER -> Role.PARTICIPANT;
            case NONE -> moderatedRoom ? Role.VISITOR : Role.PARTICIPANT;
            case OUTCAST -> Role.NONE;
        };
    }

    /**
     * §8 and §9: may an actor change a present occupant's role? Moderators kick and grant or revoke
     * voice among participants and visitors; only admins and owners grant or revoke moderator status;
     * an admin's or owner's role is never changed directly (§9.6: it follows the affiliation).
     */
    public static boolean canSetRole(Affiliation actorAff, Role actorRole, Affiliation targetAff, Role targetRole,
                                     Role newRole) {
        if (actorRole != Role.MODERATOR) return false;
        if (targetAff.isAdminOrOwner()) return false;
        boolean touchesModerator = newRole == Role.MODERATOR || targetRole == Role.MODERATOR;
        if (touchesModerator) return actorAff.isAdminOrOwner();
        return true;
    }

    /**
     * §9 and §10: may an actor change a bare JID's affiliation? Admins handle outcast, none and member
     * for those below admin; owners may grant and revoke anything.
     */
    public static boolean canSetAffiliation(Affiliation actorAff, Affiliation targetAff, Affiliation newAff) {
        if (actorAff == Affiliation.OWNER) return true;
        if (actorAff != Affiliation.ADMIN) return false;
        return !targetAff.isAdminOrOwner() && !newAff.isAdminOrOwner();
    }

    /** §9.5, §10.5–10.8: which affiliation lists an actor may read. */
    public static boolean canReadAffiliationList(Affiliation actorAff, Affiliation list) {
        return switch (list) {
            case OWNER, ADMIN -> actorAff.isAdminOrOwner();
            case MEMBER, OUTCAST -> actorAff.isAdminOrOwner();
            case NONE -> false;
        };
    }

    /** Whether a viewer sees occupants' real JIDs (muc#roomconfig_whois). */
    public static boolean seesRealJids(Whois whois, Role viewerRole) {
        return whois == Whois.ANYONE || viewerRole == Role.MODERATOR;
    }

    /** muc#roomconfig_allowpm: may an occupant of this role send a private message? */
    public static boolean maySendPrivateMessage(AllowPm allowPm, Role senderRole) {
        return switch (allowPm) {
            case ANYONE -> true;
            case PARTICIPANTS -> senderRole.hasVoice();
            case MODERATORS -> senderRole == Role.MODERATOR;
            case NONE -> false;
        };
    }

    /** §8.1: moderators always; participants when muc#roomconfig_changesubject allows it. */
    public static boolean mayChangeSubject(boolean occupantsMayChange, Role role) {
        return role == Role.MODERATOR || (occupantsMayChange && role.hasVoice());
    }

    /** §7.8.2: in a members-only room only admins and owners invite unless allowinvites is set. */
    public static boolean mayInvite(boolean allowInvites, boolean membersOnly, Affiliation aff, Role role) {
        if (role == Role.NONE) return false;
        if (allowInvites) return true;
        return membersOnly ? aff.isAdminOrOwner() : role == Role.MODERATOR;
    }
}
