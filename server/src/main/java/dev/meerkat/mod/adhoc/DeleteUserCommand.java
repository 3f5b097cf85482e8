package dev.meerkat.mod.adhoc;

import dev.meerkat.auth.AuthService;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.stream.StreamError;

import java.util.ArrayList;
import java.util.List;

/** XEP-0133 §4.2 Delete User: removes the accounts and ends their sessions. */
final class DeleteUserCommand implements AdhocCommand {
    private final String host;
    private final AuthService auth;
    private final HookBus hooks;
    private final SessionCloser closer;

    DeleteUserCommand(String host, AuthService auth, HookBus hooks, SessionCloser closer) {
        this.host = host;
        this.auth = auth;
        this.hooks = hooks;
        this.closer = closer;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "delete-user"; }

    @Override public String name() { return "Delete a User"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        if (request.stage() == 0) {
            return CommandResponse.lastForm(DataForm.form("Deleting a User", "Fill out this form to delete a user.", List.of(
                    AdminForms.formType(), AdminForms.accountJids("The Jabber ID(s) to delete"))));
        }
        List<Jid> accounts = AdminForms.accounts(request.last(), host, false);
        // all or nothing: a typo in one JID must not leave the others half done
        List<Jid> missing = accounts.stream().filter(a -> !auth.userExists(a)).toList();
        if (!missing.isEmpty()) throw new StanzaException(StanzaError.ITEM_NOT_FOUND, "no such account: " + missing.getFirst());
        List<String> deleted = new ArrayList<>();
        for (Jid account : accounts) {
            if (!auth.removeUser(account)) continue;
            hooks.run(CoreHooks.USER_REMOVED, new CoreHooks.UserRemoved(account));
            closer.closeLater(account, StreamError.NOT_AUTHORIZED, "account removed");
            deleted.add(account.toString());
        }
        return CommandResponse.done(Note.info("Deleted: " + String.join(", ", deleted)));
    }
}
