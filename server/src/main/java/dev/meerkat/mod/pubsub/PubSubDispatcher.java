package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.handler.Action;
import dev.meerkat.mod.pubsub.handler.AffiliationsAction;
import dev.meerkat.mod.pubsub.handler.ConfigureAction;
import dev.meerkat.mod.pubsub.handler.CreateAction;
import dev.meerkat.mod.pubsub.handler.DefaultConfigAction;
import dev.meerkat.mod.pubsub.handler.DefaultOptionsAction;
import dev.meerkat.mod.pubsub.handler.DeleteAction;
import dev.meerkat.mod.pubsub.handler.ItemsAction;
import dev.meerkat.mod.pubsub.handler.OptionsAction;
import dev.meerkat.mod.pubsub.handler.OwnerAffiliationsAction;
import dev.meerkat.mod.pubsub.handler.OwnerSubscriptionsAction;
import dev.meerkat.mod.pubsub.handler.PublishAction;
import dev.meerkat.mod.pubsub.handler.PurgeAction;
import dev.meerkat.mod.pubsub.handler.Request;
import dev.meerkat.mod.pubsub.handler.RetractAction;
import dev.meerkat.mod.pubsub.handler.SubscribeAction;
import dev.meerkat.mod.pubsub.handler.SubscriptionsAction;
import dev.meerkat.mod.pubsub.handler.UnsubscribeAction;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.Map;
import java.util.Set;

/**
 * Picks the {@link Action} for a {@code <pubsub/>} IQ by namespace, IQ type and action element, and
 * turns its outcome into the reply. Secondary elements (configure next to create, publish-options,
 * options) are read by the action they accompany.
 */
public final class PubSubDispatcher {
    private record Key(String namespace, Iq.Type type, String action) {}

    /** Elements that only accompany the action (in the pubsub namespace; in #owner, configure is the action). */
    private static final Set<String> SECONDARY = Set.of("configure", "publish-options", "options");

    private final Map<Key, Action> actions = Map.ofEntries(
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.SET, "publish"), new PublishAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.SET, "retract"), new RetractAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.SET, "create"), new CreateAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.SET, "subscribe"), new SubscribeAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.SET, "unsubscribe"), new UnsubscribeAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.GET, "items"), new ItemsAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.GET, "subscriptions"), new SubscriptionsAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.GET, "affiliations"), new AffiliationsAction()),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.GET, "options"), new OptionsAction(false)),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.SET, "options"), new OptionsAction(true)),
            Map.entry(new Key(PubSubNs.PUBSUB, Iq.Type.GET, "default"), new DefaultOptionsAction()),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.GET, "configure"), new ConfigureAction(false)),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.SET, "configure"), new ConfigureAction(true)),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.GET, "default"), new DefaultConfigAction()),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.SET, "delete"), new DeleteAction()),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.SET, "purge"), new PurgeAction()),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.GET, "subscriptions"), new OwnerSubscriptionsAction(false)),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.SET, "subscriptions"), new OwnerSubscriptionsAction(true)),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.GET, "affiliations"), new OwnerAffiliationsAction(false)),
            Map.entry(new Key(PubSubNs.OWNER, Iq.Type.SET, "affiliations"), new OwnerAffiliationsAction(true)));

    /**
     * The reply to a pubsub request addressed to {@code service}, sent from it.
     *
     * @param iq the request, with 'from' stamped and 'to' the service
     */
    public Iq handle(PubSubService svc, Jid service, Iq iq) {
        Element pubsub = iq.payload().orElseThrow();
        try {
            Element actionElement = pubsub.elements().stream()
                    .filter(e -> e.namespace().equals(pubsub.namespace())
                            && !(pubsub.namespace().equals(PubSubNs.PUBSUB) && SECONDARY.contains(e.name())))
                    .findFirst()
                    // alone, <options/> is the action: get or set a subscription's options (§6.3)
                    .or(() -> pubsub.child("options", PubSubNs.PUBSUB).filter(o -> pubsub.namespace().equals(PubSubNs.PUBSUB)))
                    .orElseThrow(() -> PubSubError.text(StanzaError.BAD_REQUEST, null, "no pubsub action"));
            Action action = actions.get(new Key(pubsub.namespace(), iq.type(), actionElement.name()));
            if (action == null) throw unsupported(pubsub.namespace(), iq.type(), actionElement.name());
            Element payload = action.handle(svc, new Request(service, iq.from(), pubsub, actionElement));
            Iq reply = payload == null ? iq.result() : iq.result(payload);
            return reply.withFrom(service);
        } catch (PubSubError e) {
            return e.replyTo(iq.withTo(service));
        } catch (IllegalArgumentException e) {
            return PubSubError.text(StanzaError.NOT_ACCEPTABLE, null, e.getMessage()).replyTo(iq.withTo(service));
        }
    }

    private static PubSubError unsupported(String ns, Iq.Type type, String name) {
        boolean known = Set.of("publish", "retract", "create", "subscribe", "unsubscribe", "items", "subscriptions",
                "affiliations", "options", "configure", "default", "delete", "purge").contains(name);
        return known ? PubSubError.text(StanzaError.BAD_REQUEST, null, name + " is not a " + type.name().toLowerCase() + " request in " + ns)
                : PubSubError.text(StanzaError.FEATURE_NOT_IMPLEMENTED, null, "unsupported pubsub action " + name);
    }
}
