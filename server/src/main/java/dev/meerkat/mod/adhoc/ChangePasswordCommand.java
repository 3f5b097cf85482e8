package dev.meerkat.mod.adhoc;

import dev.meerkat.auth.AuthService;
import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

import java.util.List;

/** XEP-0133 §4.7 Change User Password. */
final class ChangePasswordCommand implements AdhocCommand {
    private final String host;
    private final AuthService auth;

    ChangePasswordCommand(String host, AuthService auth) {
        this.host = host;
        this.auth = auth;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "change-user-password"; }

    @Override public String name() { return "Change User Password"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        if (request.stage() == 0) {
            return CommandResponse.lastForm(DataForm.form("Changing a User Password", "Fill out this form to change a user's password.",
                    List.of(AdminForms.formType(), AdminForms.accountJid("The Jabber ID for this account"),
                            AdminForms.password("password", "The password for this account"))));
        }
        Jid user = AdminForms.account(request.last(), host);
        String password = AdminForms.required(request.last(), "password");
        boolean changed;
        try {
            changed = auth.setPassword(user, password);
        } catch (IllegalArgumentException e) {
            throw new StanzaException(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
        if (!changed) throw new StanzaException(StanzaError.ITEM_NOT_FOUND, "no such account: " + user);
        return CommandResponse.done(Note.info("Password of " + user + " changed"));
    }
}
