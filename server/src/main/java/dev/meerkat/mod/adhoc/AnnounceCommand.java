package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.routing.Router;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.List;

/**
 * XEP-0133 §4.23 Send Announcement to Online Users: a message from the host to every session of
 * the host. Two stages: the text, then a confirmation that says how many sessions will get it. A
 * client may complete at the first stage (the single stage XEP-0133 shows) and skip the check.
 */
final class AnnounceCommand implements AdhocCommand {
    private final String host;
    private final OnlineUsers online;
    private final Router router;

    AnnounceCommand(String host, OnlineUsers online, Router router) {
        this.host = host;
        this.online = online;
        this.router = router;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "announce"; }

    @Override public String name() { return "Send Announcement to Online Users"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        return switch (request.stage()) {
            case 0 -> CommandResponse.nextForm(DataForm.form("Making an Announcement", "Fill out this form to make an announcement to all active users of this service.",
                    List.of(AdminForms.formType(),
                            DataForm.Field.of("text-single", "subject", "Subject", false),
                            DataForm.Field.of("text-multi", "announcement", "Announcement", true))), true);
            case 1 -> {
                String text = announcement(request.answers().getFirst());
                if (request.action() == Action.COMPLETE) yield send(request.answers().getFirst(), text);
                yield CommandResponse.lastForm(DataForm.form("Confirm the Announcement", null, List.of(AdminForms.formType(),
                        DataForm.Field.of("fixed", null, null, false).withValues(List.of(
                                "This goes to " + online.sessions().size() + " online sessions:")),
                        DataForm.Field.of("fixed", null, null, false).withValues(List.of(text)))));
            }
            default -> send(request.answers().getFirst(), announcement(request.answers().getFirst()));
        };
    }

    private static String announcement(DataForm form) {
        return form.text("announcement").orElseThrow(() -> new StanzaException(StanzaError.BAD_REQUEST, "announcement is required"));
    }

    private CommandResponse send(DataForm form, String text) {
        String subject = form.value("subject").orElse(null);
        List<Jid> targets = online.sessions();
        for (Jid to : targets) {
            Element.Builder m = Element.builder("message", Ns.CLIENT).attr("from", host).attr("to", to.toString()).attr("type", "normal");
            if (subject != null) m.textChild("subject", subject);
            router.route(Stanza.of(m.textChild("body", text).build()));
        }
        return CommandResponse.done(Note.info("Announcement sent to " + targets.size() + " sessions"));
    }
}
