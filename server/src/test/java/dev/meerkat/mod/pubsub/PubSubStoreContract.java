package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.AccessModel;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
import dev.meerkat.xml.Element;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link PubSubStore} must do; an implementation's test returns a fresh, empty store. */
public interface PubSubStoreContract {
    PubSubStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid BOB = Jid.parse("bob@example.org");
    Jid SERVICE = Jid.parse("pubsub.example.org");
    NodeConfig PEP = NodeConfig.pepDefaults();

    static PubSubItem item(String id, String text, long millis) {
        return new PubSubItem(id, Element.builder("entry", "urn:example").text(text).build(),
                ALICE.withResource("phone"), Instant.ofEpochMilli(millis));
    }

    @Test
    default void nodesAreCreatedOnceWithTheirOwnerAndConfig() {
        PubSubStore s = store();
        NodeConfig config = PEP.with(Map.of(NodeConfig.ACCESS_MODEL, List.of("whitelist"), NodeConfig.MAX_ITEMS, List.of("max")));
        assertThat(s.createNode(new PubSubNode(ALICE, "urn:xmpp:bookmarks:1", ALICE, config))).isTrue();
        assertThat(s.createNode(new PubSubNode(ALICE, "urn:xmpp:bookmarks:1", ALICE, PEP))).isFalse();
        PubSubNode stored = s.node(ALICE, "urn:xmpp:bookmarks:1", PEP).orElseThrow();
        assertThat(stored.owner()).isEqualTo(ALICE);
        assertThat(stored.config()).isEqualTo(config);
        assertThat(stored.config().accessModel()).isEqualTo(AccessModel.WHITELIST);
        assertThat(s.node(BOB, "urn:xmpp:bookmarks:1", PEP)).isEmpty();
        assertThat(s.affiliations(ALICE, "urn:xmpp:bookmarks:1")).containsExactly(Map.entry(ALICE, Affiliation.OWNER));

        s.updateConfig(ALICE, "urn:xmpp:bookmarks:1", PEP);
        assertThat(s.node(ALICE, "urn:xmpp:bookmarks:1", PEP).orElseThrow().config().accessModel()).isEqualTo(AccessModel.PRESENCE);
        s.createNode(new PubSubNode(ALICE, "a", ALICE, PEP));
        assertThat(s.nodes(ALICE, PEP)).extracting(PubSubNode::id).containsExactly("a", "urn:xmpp:bookmarks:1");
    }

    @Test
    default void publishingKeepsTheNewestItemsUpToTheLimit() {
        PubSubStore s = store();
        s.createNode(new PubSubNode(SERVICE, "news", ALICE, NodeConfig.serviceDefaults()));
        s.publish(SERVICE, "news", item("1", "one", 1000), 3);
        s.publish(SERVICE, "news", item("2", "two", 2000), 3);
        s.publish(SERVICE, "news", item("3", "three", 3000), 3);
        s.publish(SERVICE, "news", item("1", "one again", 4000), 3);
        assertThat(s.items(SERVICE, "news", 10)).extracting(PubSubItem::id).containsExactly("1", "3", "2");
        assertThat(s.item(SERVICE, "news", "1").orElseThrow()).isEqualTo(item("1", "one again", 4000));

        s.publish(SERVICE, "news", item("4", "four", 5000), 3);
        assertThat(s.items(SERVICE, "news", 10)).extracting(PubSubItem::id).containsExactly("4", "1", "3");
        assertThat(s.items(SERVICE, "news", 1)).extracting(PubSubItem::id).containsExactly("4");

        assertThat(s.retract(SERVICE, "news", "3")).isTrue();
        assertThat(s.retract(SERVICE, "news", "3")).isFalse();
        assertThat(s.item(SERVICE, "news", "3")).isEmpty();
        s.purge(SERVICE, "news");
        assertThat(s.items(SERVICE, "news", 10)).isEmpty();
    }

    @Test
    default void subscriptionOptionsAreKeptWithTheSubscription() {
        PubSubStore s = store();
        s.createNode(new PubSubNode(SERVICE, "news", ALICE, NodeConfig.serviceDefaults()));
        s.setSubscription(SERVICE, "news", new NodeSubscription(BOB, "s1", NodeSubscription.State.SUBSCRIBED,
                new SubscriptionOptions(false)));
        assertThat(s.subscriptions(SERVICE, "news").getFirst().options().deliver()).isFalse();
        assertThat(s.subscriptionsOf(SERVICE, BOB).get("news").getFirst().options().deliver()).isFalse();
        s.setSubscription(SERVICE, "news", s.subscriptions(SERVICE, "news").getFirst().withOptions(SubscriptionOptions.DEFAULT));
        assertThat(s.subscriptions(SERVICE, "news").getFirst().options().deliver()).isTrue();
        assertThat(s.subscriptions(SERVICE, "news").getFirst().subid()).isEqualTo("s1");
    }

    @Test
    default void subscriptionsAndAffiliationsAreKeptPerNode() {
        PubSubStore s = store();
        s.createNode(new PubSubNode(SERVICE, "news", ALICE, NodeConfig.serviceDefaults()));
        Jid bobPhone = BOB.withResource("phone");
        s.setSubscription(SERVICE, "news", new NodeSubscription(bobPhone, "s1", NodeSubscription.State.SUBSCRIBED));
        s.setSubscription(SERVICE, "news", new NodeSubscription(BOB, "s2", NodeSubscription.State.SUBSCRIBED));
        assertThat(s.subscriptions(SERVICE, "news")).extracting(NodeSubscription::jid).containsExactly(BOB, bobPhone);
        assertThat(s.subscriptionsOf(SERVICE, BOB).get("news")).hasSize(2);
        s.setSubscription(SERVICE, "news", new NodeSubscription(bobPhone, "s1", NodeSubscription.State.NONE));
        assertThat(s.subscriptions(SERVICE, "news")).extracting(NodeSubscription::subid).containsExactly("s2");

        s.setAffiliation(SERVICE, "news", BOB, Affiliation.PUBLISHER);
        assertThat(s.affiliations(SERVICE, "news")).containsEntry(BOB, Affiliation.PUBLISHER).containsEntry(ALICE, Affiliation.OWNER);
        assertThat(s.affiliationsOf(SERVICE, BOB)).containsExactly(Map.entry("news", Affiliation.PUBLISHER));
        s.setAffiliation(SERVICE, "news", BOB, Affiliation.NONE);
        assertThat(s.affiliations(SERVICE, "news")).doesNotContainKey(BOB);

        s.publish(SERVICE, "news", item("1", "x", 1), 5);
        assertThat(s.deleteNode(SERVICE, "news")).isTrue();
        assertThat(s.deleteNode(SERVICE, "news")).isFalse();
        assertThat(s.subscriptions(SERVICE, "news")).isEmpty();
        assertThat(s.affiliations(SERVICE, "news")).isEmpty();
        assertThat(s.items(SERVICE, "news", 5)).isEmpty();
    }

    @Test
    default void removingAServiceRemovesOnlyIt() {
        PubSubStore s = store();
        s.createNode(new PubSubNode(ALICE, "mood", ALICE, PEP));
        s.createNode(new PubSubNode(BOB, "mood", BOB, PEP));
        s.publish(ALICE, "mood", item("current", "happy", 1), 1);
        s.removeService(ALICE);
        assertThat(s.nodes(ALICE, PEP)).isEmpty();
        assertThat(s.items(ALICE, "mood", 5)).isEmpty();
        assertThat(s.nodes(BOB, PEP)).hasSize(1);
    }

    @Test
    default void keysThatDifferOnlyByCaseOrAccentAreDistinctAndSortedByCodePoint() {
        PubSubStore s = store();
        for (String node : List.of("news", "News", "café", "cafe")) {
            assertThat(s.createNode(new PubSubNode(SERVICE, node, ALICE, NodeConfig.serviceDefaults()))).as(node).isTrue();
        }
        assertThat(s.nodes(SERVICE, PEP)).extracting(PubSubNode::id).containsExactly("News", "cafe", "café", "news");
        s.publish(SERVICE, "news", item("Item", "upper", 1000), 10);
        s.publish(SERVICE, "news", item("item", "lower", 2000), 10);
        assertThat(s.items(SERVICE, "news", 10)).extracting(PubSubItem::id).containsExactly("item", "Item");
        assertThat(s.items(SERVICE, "News", 10)).isEmpty();
        assertThat(s.deleteNode(SERVICE, "News")).isTrue();
        assertThat(s.node(SERVICE, "news", PEP)).isPresent();
    }

    @Test
    default void largeAndNonBmpPayloadsSurviveTheRoundTrip() {
        PubSubStore s = store();
        s.createNode(new PubSubNode(ALICE, "urn:xmpp:avatar:data", ALICE, PEP));
        // an avatar's base64 data easily passes 64 KiB
        String big = "QUJD".repeat(40_000) + " 🐱 ünïcödé";
        PubSubItem item = new PubSubItem("hash", Element.builder("data", "urn:xmpp:avatar:data").text(big).build(),
                ALICE.withResource("phone"), Instant.ofEpochMilli(42));
        s.publish(ALICE, "urn:xmpp:avatar:data", item, 1);
        assertThat(s.item(ALICE, "urn:xmpp:avatar:data", "hash")).contains(item);
    }

    @Test
    default void tooLongKeysAreRefused() {
        PubSubStore s = store();
        assertThatThrownBy(() -> s.createNode(new PubSubNode(ALICE, "n".repeat(251), ALICE, PEP)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.nodes(ALICE, PEP)).isEmpty();
    }
}
