package dev.meerkat.mod.adhoc;

import dev.meerkat.module.IqRequest;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;

/** The XML of XEP-0050: {@code <command/>} answers and its error conditions. */
final class CommandXml {
    static final String NS = "http://jabber.org/protocol/commands";

    /** The application conditions of XEP-0050 §4.6. */
    static final String BAD_ACTION = "bad-action";
    static final String BAD_SESSIONID = "bad-sessionid";
    static final String MALFORMED_ACTION = "malformed-action";
    static final String SESSION_EXPIRED = "session-expired";
    static final String BAD_LOCALE = "bad-locale";
    static final String BAD_PAYLOAD = "bad-payload";

    private CommandXml() {}

    static Element executing(String node, String sessionId, CommandResponse.Stage stage, boolean mayGoBack) {
        Element.Builder actions = Element.builder("actions", NS).attr("execute", stage.execute().xml());
        // the order of XEP-0050 examples: prev, next, complete
        if (mayGoBack) actions.child(Element.of(Action.PREV.xml(), NS));
        for (Action a : List.of(Action.NEXT, Action.COMPLETE)) if (stage.actions().contains(a)) actions.child(Element.of(a.xml(), NS));
        Element.Builder c = command(node, sessionId, "executing").child(actions.build());
        notes(c, stage.notes());
        return c.child(stage.form().toElement()).build();
    }

    static Element completed(String node, String sessionId, CommandResponse.Completed done) {
        Element.Builder c = command(node, sessionId, "completed");
        notes(c, done.notes());
        if (done.form() != null) c.child(done.form().toElement());
        return c.build();
    }

    static Element canceled(String node, String sessionId) {
        return command(node, sessionId, "canceled").build();
    }

    /** An error reply carrying a XEP-0050 condition next to the RFC 6120 one. */
    static Iq error(IqRequest r, StanzaError error, String commandCondition, String text) {
        Iq reply = r.error(error, text);
        if (commandCondition == null) return reply;
        Element e = reply.element();
        List<dev.meerkat.xml.Node> children = new java.util.ArrayList<>();
        for (dev.meerkat.xml.Node n : e.children()) {
            if (n instanceof Element child && child.name().equals("error")) {
                children.add(child.withChild(Element.of(commandCondition, NS)));
            } else {
                children.add(n);
            }
        }
        return (Iq) dev.meerkat.stanza.Stanza.of(e.withChildren(children));
    }

    private static Element.Builder command(String node, String sessionId, String status) {
        return Element.builder("command", NS).attr("node", node).attr("sessionid", sessionId).attr("status", status);
    }

    private static void notes(Element.Builder c, List<Note> notes) {
        for (Note n : notes) c.child(Element.builder("note", NS).attr("type", n.type()).text(n.text()).build());
    }
}
