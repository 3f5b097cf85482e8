package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import static org.assertj.core.api.Assertions.assertThat;

/** A persistent room keeps its configuration, affiliations and subject across a restart; a temporary one does not. */
class MucPersistenceTest {
    @Test
    void persistentRoomSurvivesARestartAndTemporaryRoomDoesNot() throws Exception {
        ServerFixture fx = new ServerFixture("[modules.mod_muc]\n");
        EntityBareJid kept = JidCreate.entityBareFrom("kept@muc.localhost");
        EntityBareJid gone = JidCreate.entityBareFrom("gone@muc.localhost");
        try {
            fx.createUser("alice", "pw-a");
            fx.createUser("bob", "pw-b");
            XMPPTCPConnection alice = fx.login("alice", "pw-a", "a");
            MultiUserChat room = MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(kept);
            room.create(Resourcepart.from("Alice")).getConfigFormManager()
                    .setRoomName("Kept room").makeMembersOnly().submitConfigurationForm();
            var form = room.getConfigurationForm().getFillableForm();
            form.setAnswer("muc#roomconfig_persistentroom", true);
            room.sendConfigurationForm(form);
            room.grantMembership(JidCreate.bareFrom("bob@localhost"));
            room.changeSubject("Still here");
            MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(gone).create(Resourcepart.from("Alice")).makeInstant();

            fx = fx.restart();

            XMPPTCPConnection bob = fx.login("bob", "pw-b", "b");
            MultiUserChatManager bobs = MultiUserChatManager.getInstanceFor(bob);
            RoomInfo info = bobs.getRoomInfo(kept);
            assertThat(info.getName()).isEqualTo("Kept room");
            assertThat(info.isPersistent()).isTrue();
            assertThat(info.isMembersOnly()).isTrue();
            MultiUserChat again = bobs.getMultiUserChat(kept);
            again.join(Resourcepart.from("Bob"));
            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(again.getSubject()).isEqualTo("Still here"));
            assertThat(MucTest.errorOf(() -> bobs.getRoomInfo(gone))).isEqualTo(StanzaError.Condition.item_not_found);
            // the room stays when everyone has left
            again.leave();
            assertThat(bobs.getRoomInfo(kept).getOccupantsCount()).isZero();
        } finally {
            fx.close();
        }
    }
}
