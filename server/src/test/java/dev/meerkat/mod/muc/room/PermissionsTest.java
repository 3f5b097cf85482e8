package dev.meerkat.mod.muc.room;

import org.junit.jupiter.api.Test;

import static dev.meerkat.mod.muc.room.Affiliation.ADMIN;
import static dev.meerkat.mod.muc.room.Affiliation.MEMBER;
import static dev.meerkat.mod.muc.room.Affiliation.NONE;
import static dev.meerkat.mod.muc.room.Affiliation.OUTCAST;
import static dev.meerkat.mod.muc.room.Affiliation.OWNER;
import static dev.meerkat.mod.muc.room.Role.MODERATOR;
import static dev.meerkat.mod.muc.room.Role.PARTICIPANT;
import static dev.meerkat.mod.muc.room.Role.VISITOR;
import static org.assertj.core.api.Assertions.assertThat;

/** The privilege tables of XEP-0045 §5.1–5.2, rule by rule. */
class PermissionsTest {
    @Test
    void defaultRolesFollowAffiliationAndModeration() {
        assertThat(Permissions.defaultRole(OWNER, false)).isEqualTo(MODERATOR);
        assertThat(Permissions.defaultRole(ADMIN, true)).isEqualTo(MODERATOR);
        assertThat(Permissions.defaultRole(MEMBER, true)).isEqualTo(PARTICIPANT);
        assertThat(Permissions.defaultRole(NONE, false)).isEqualTo(PARTICIPANT);
        assertThat(Permissions.defaultRole(NONE, true)).isEqualTo(VISITOR);
        assertThat(Permissions.defaultRole(OUTCAST, false)).isEqualTo(Role.NONE);
    }

    @Test
    void moderatorsKickAndGrantVoiceButOnlyAdminsTouchModerators() {
        // a moderator without affiliation (granted by an admin) kicks a participant, voices a visitor
        assertThat(Permissions.canSetRole(NONE, MODERATOR, NONE, PARTICIPANT, Role.NONE)).isTrue();
        assertThat(Permissions.canSetRole(NONE, MODERATOR, NONE, VISITOR, PARTICIPANT)).isTrue();
        // ... but may not make or unmake moderators
        assertThat(Permissions.canSetRole(NONE, MODERATOR, MEMBER, PARTICIPANT, MODERATOR)).isFalse();
        assertThat(Permissions.canSetRole(MEMBER, MODERATOR, NONE, MODERATOR, PARTICIPANT)).isFalse();
        assertThat(Permissions.canSetRole(ADMIN, MODERATOR, MEMBER, PARTICIPANT, MODERATOR)).isTrue();
        assertThat(Permissions.canSetRole(OWNER, MODERATOR, NONE, MODERATOR, VISITOR)).isTrue();
    }

    @Test
    void nobodyChangesTheRoleOfAdminsOrOwnersAndParticipantsChangeNoRoles() {
        assertThat(Permissions.canSetRole(OWNER, MODERATOR, ADMIN, MODERATOR, Role.NONE)).isFalse();
        assertThat(Permissions.canSetRole(ADMIN, MODERATOR, OWNER, MODERATOR, VISITOR)).isFalse();
        assertThat(Permissions.canSetRole(MEMBER, PARTICIPANT, NONE, VISITOR, PARTICIPANT)).isFalse();
        assertThat(Permissions.canSetRole(NONE, VISITOR, NONE, PARTICIPANT, Role.NONE)).isFalse();
    }

    @Test
    void adminsManageMembersAndOutcastsOwnersManageEverything() {
        assertThat(Permissions.canSetAffiliation(ADMIN, NONE, MEMBER)).isTrue();
        assertThat(Permissions.canSetAffiliation(ADMIN, MEMBER, OUTCAST)).isTrue();
        assertThat(Permissions.canSetAffiliation(ADMIN, NONE, ADMIN)).isFalse();
        assertThat(Permissions.canSetAffiliation(ADMIN, ADMIN, NONE)).isFalse();
        assertThat(Permissions.canSetAffiliation(ADMIN, OWNER, OUTCAST)).isFalse();
        assertThat(Permissions.canSetAffiliation(OWNER, ADMIN, OWNER)).isTrue();
        assertThat(Permissions.canSetAffiliation(OWNER, OWNER, NONE)).isTrue();
        assertThat(Permissions.canSetAffiliation(MEMBER, NONE, MEMBER)).isFalse();
        assertThat(Permissions.canSetAffiliation(NONE, NONE, OUTCAST)).isFalse();
    }

    @Test
    void affiliationListsAreForAdminsAndOwners() {
        assertThat(Permissions.canReadAffiliationList(ADMIN, MEMBER)).isTrue();
        assertThat(Permissions.canReadAffiliationList(OWNER, OWNER)).isTrue();
        assertThat(Permissions.canReadAffiliationList(MEMBER, MEMBER)).isFalse();
        assertThat(Permissions.canReadAffiliationList(NONE, OUTCAST)).isFalse();
    }

    @Test
    void realJidsPrivateMessagesSubjectAndInvitations() {
        assertThat(Permissions.seesRealJids(Whois.ANYONE, VISITOR)).isTrue();
        assertThat(Permissions.seesRealJids(Whois.MODERATORS, PARTICIPANT)).isFalse();
        assertThat(Permissions.seesRealJids(Whois.MODERATORS, MODERATOR)).isTrue();

        assertThat(Permissions.maySendPrivateMessage(AllowPm.ANYONE, VISITOR)).isTrue();
        assertThat(Permissions.maySendPrivateMessage(AllowPm.PARTICIPANTS, VISITOR)).isFalse();
        assertThat(Permissions.maySendPrivateMessage(AllowPm.PARTICIPANTS, PARTICIPANT)).isTrue();
        assertThat(Permissions.maySendPrivateMessage(AllowPm.MODERATORS, PARTICIPANT)).isFalse();
        assertThat(Permissions.maySendPrivateMessage(AllowPm.NONE, MODERATOR)).isFalse();

        assertThat(Permissions.mayChangeSubject(false, PARTICIPANT)).isFalse();
        assertThat(Permissions.mayChangeSubject(true, PARTICIPANT)).isTrue();
        assertThat(Permissions.mayChangeSubject(true, VISITOR)).isFalse();
        assertThat(Permissions.mayChangeSubject(false, MODERATOR)).isTrue();

        assertThat(Permissions.mayInvite(false, true, MEMBER, PARTICIPANT)).isFalse();
        assertThat(Permissions.mayInvite(false, true, ADMIN, MODERATOR)).isTrue();
        assertThat(Permissions.mayInvite(true, true, MEMBER, PARTICIPANT)).isTrue();
        assertThat(Permissions.mayInvite(false, false, NONE, PARTICIPANT)).isFalse();
        assertThat(Permissions.mayInvite(false, false, NONE, MODERATOR)).isTrue();
    }

    @Test
    void rolesAfterAffiliationChanges() {
        assertThat(Room.roleAfterAffiliationChange(PARTICIPANT, NONE, ADMIN, false)).isEqualTo(MODERATOR);
        assertThat(Room.roleAfterAffiliationChange(MODERATOR, ADMIN, MEMBER, false)).isEqualTo(PARTICIPANT);
        assertThat(Room.roleAfterAffiliationChange(MODERATOR, OWNER, NONE, true)).isEqualTo(VISITOR);
        assertThat(Room.roleAfterAffiliationChange(VISITOR, NONE, MEMBER, true)).isEqualTo(PARTICIPANT);
        assertThat(Room.roleAfterAffiliationChange(MODERATOR, NONE, MEMBER, false)).as("a granted moderator stays one").isEqualTo(MODERATOR);
    }
}
