package dev.meerkat.mod.pubsub.handler;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.DataForms;
import dev.meerkat.mod.pubsub.PubSubError;
import dev.meerkat.mod.pubsub.PubSubNs;
import dev.meerkat.mod.pubsub.PubSubService;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.SubscriptionOptions;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * XEP-0060 §6.3 subscription options: get the form of a subscription (§6.3.2) or submit it
 * (§6.3.5), with the §6.3.4 and §6.3.6 errors. Only the subscriber's own bare JID may be named.
 */
public final class OptionsAction implements Action {
    private final boolean submit;

    public OptionsAction(boolean submit) {
        this.submit = submit;
    }

    @Override
    public Element handle(PubSubService svc, Request r) {
        String nodeId = PubSubService.nodeId(r.action());
        String jidAttr = r.action().attr("jid");
        if (jidAttr == null || jidAttr.isEmpty()) throw PubSubError.of(StanzaError.BAD_REQUEST, "jid-required");
        Jid jid = Jid.parseOrNull(jidAttr);
        if (jid == null) throw PubSubError.of(StanzaError.BAD_REQUEST, "invalid-jid");
        if (!jid.bare().equals(r.requester())) throw PubSubError.forbidden();
        svc.node(r.service(), nodeId);
        NodeSubscription sub = svc.store().subscriptions(r.service(), nodeId).stream()
                .filter(s -> s.jid().equals(jid)).findFirst()
                .orElseThrow(() -> PubSubError.of(StanzaError.UNEXPECTED_REQUEST, "not-subscribed"));
        String subid = r.action().attr("subid");
        if (subid != null && !subid.equals(sub.subid())) throw PubSubError.of(StanzaError.NOT_ACCEPTABLE, "invalid-subid");
        if (!submit) {
            return Element.builder("pubsub", PubSubNs.PUBSUB)
                    .child(Element.builder("options", PubSubNs.PUBSUB).attr("node", nodeId).attr("jid", jid.toString())
                            .attr("subid", sub.subid()).child(form(sub.options(), "form")).build())
                    .build();
        }
        Element x = r.action().child("x", PubSubNs.DATA)
                .orElseThrow(() -> PubSubError.text(StanzaError.BAD_REQUEST, "invalid-options", "no options form"));
        if ("cancel".equals(x.attr("type"))) return null;
        svc.store().setSubscription(r.service(), nodeId, sub.withOptions(apply(sub.options(), x)));
        return null;
    }

    /** The options form of a subscription ("form" to fill in, "result" to show). */
    static Element form(SubscriptionOptions options, String type) {
        return DataForms.optionsForm(SubscriptionOptions.FORM_TYPE, type, options.values());
    }

    /** Options after a submitted form (§6.3.5); a bad form is bad-request + invalid-options (§6.3.6). */
    static SubscriptionOptions apply(SubscriptionOptions base, Element x) {
        Map<String, List<String>> fields = DataForms.fields(x);
        String formType = DataForms.formType(fields);
        if (formType != null && !formType.equals(SubscriptionOptions.FORM_TYPE)) {
            throw PubSubError.text(StanzaError.BAD_REQUEST, "invalid-options", "FORM_TYPE must be " + SubscriptionOptions.FORM_TYPE);
        }
        try {
            return base.with(fields);
        } catch (IllegalArgumentException e) {
            throw PubSubError.text(StanzaError.BAD_REQUEST, "invalid-options", e.getMessage());
        }
    }

    /** The options submitted along with a subscribe request (§6.3.7), else the defaults. */
    static SubscriptionOptions submittedWith(Request r) {
        Optional<Element> x = r.sibling("options").flatMap(o -> o.child("x", PubSubNs.DATA));
        if (x.isEmpty() || "cancel".equals(x.get().attr("type"))) return SubscriptionOptions.DEFAULT;
        return apply(SubscriptionOptions.DEFAULT, x.get());
    }
}
