package dev.meerkat.mod.adhoc;

import dev.meerkat.auth.AuthService;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

import java.util.List;

/** XEP-0133 §4.1 Add User. */
final class AddUserCommand implements AdhocCommand {
    private final String host;
    private final AuthService auth;
    private final HookBus hooks;

    AddUserCommand(String host, AuthService auth, HookBus hooks) {
        this.host = host;
        this.auth = auth;
        this.hooks = hooks;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "add-user"; }

    @Override public String name() { return "Add a User"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        if (request.stage() == 0) {
            return CommandResponse.lastForm(DataForm.form("Adding a User", "Fill out this form to add a user.", List.of(
                    AdminForms.formType(),
                    AdminForms.accountJid("The Jabber ID for the account to be added"),
                    AdminForms.password("password", "The password for this account"),
                    AdminForms.password("password-verify", "Retype password"))));
        }
        DataForm form = request.last();
        Jid user = AdminForms.account(form, host);
        String password = AdminForms.required(form, "password");
        if (!password.equals(form.values("password-verify").stream().findFirst().orElse(null)))
            throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "the passwords differ");
        boolean created;
        try {
            created = auth.register(user, password);
        } catch (IllegalArgumentException e) {
            throw new StanzaException(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
        if (!created) throw new StanzaException(StanzaError.CONFLICT, user + " exists already");
        hooks.run(CoreHooks.USER_REGISTERED, new CoreHooks.UserRegistered(user));
        return CommandResponse.done(Note.info("Account " + user + " created"));
    }
}
