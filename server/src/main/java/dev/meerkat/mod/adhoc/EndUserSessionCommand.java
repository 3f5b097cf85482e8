package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.stream.StreamError;

import java.util.List;

/**
 * XEP-0133 §4.5 End User Session: a full JID ends that session, a bare JID all of the user's.
 * The client gets a policy-violation stream error, so it knows it was not a network failure.
 */
final class EndUserSessionCommand implements AdhocCommand {
    private final String host;
    private final SessionCloser closer;

    EndUserSessionCommand(String host, SessionCloser closer) {
        this.host = host;
        this.closer = closer;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "end-user-session"; }

    @Override public String name() { return "End User Session"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        if (request.stage() == 0) {
            return CommandResponse.lastForm(DataForm.form("Ending a User Session", "Fill out this form to end a user's session.",
                    List.of(AdminForms.formType(), AdminForms.accountJids("The Jabber ID(s) for which to end sessions"))));
        }
        List<Jid> targets = AdminForms.accounts(request.last(), host, true);
        int ended = 0;
        for (Jid t : targets) ended += closer.closeLater(t, StreamError.POLICY_VIOLATION, "session ended by an administrator");
        if (ended == 0) throw new StanzaException(StanzaError.ITEM_NOT_FOUND, "no session of " + targets.getFirst() + " is online");
        return CommandResponse.done(Note.info(ended + (ended == 1 ? " session ended" : " sessions ended")));
    }
}
