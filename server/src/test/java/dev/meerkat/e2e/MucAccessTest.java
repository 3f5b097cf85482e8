package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import static org.assertj.core.api.Assertions.assertThat;

/** access_create and max_rooms_per_user: who may create rooms, and how many. */
class MucAccessTest {
    @Test
    void onlyListedUsersCreateRoomsAndEachOnlyAsManyAsAllowed() throws Exception {
        try (ServerFixture fx = new ServerFixture("""
                [modules.mod_muc]
                  access_create = ["alice@localhost"]
                  max_rooms_per_user = 1
                """)) {
            fx.createUser("alice", "pw-a");
            fx.createUser("bob", "pw-b");
            XMPPTCPConnection alice = fx.login("alice", "pw-a", "a");
            XMPPTCPConnection bob = fx.login("bob", "pw-b", "b");
            MultiUserChatManager a = MultiUserChatManager.getInstanceFor(alice);
            MultiUserChatManager b = MultiUserChatManager.getInstanceFor(bob);

            assertThat(MucTest.errorOf(() -> b.getMultiUserChat(JidCreate.entityBareFrom("bobs@muc.localhost"))
                    .create(Resourcepart.from("Bob")))).isEqualTo(StanzaError.Condition.not_allowed);
            a.getMultiUserChat(JidCreate.entityBareFrom("first@muc.localhost")).create(Resourcepart.from("Alice")).makeInstant();
            assertThat(MucTest.errorOf(() -> a.getMultiUserChat(JidCreate.entityBareFrom("second@muc.localhost"))
                    .create(Resourcepart.from("Alice")))).isEqualTo(StanzaError.Condition.not_allowed);
            // joining an existing room needs no creation right
            b.getMultiUserChat(JidCreate.entityBareFrom("first@muc.localhost")).join(Resourcepart.from("Bob"));
        }
    }
}
