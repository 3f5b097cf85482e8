package dev.meerkat.mod.adhoc;

import dev.meerkat.auth.AuthService;

import java.util.List;

/** XEP-0133 §4.13 Get Number of Registered Users. */
final class RegisteredUsersNumCommand implements AdhocCommand {
    private final String host;
    private final AuthService auth;

    RegisteredUsersNumCommand(String host, AuthService auth) {
        this.host = host;
        this.auth = auth;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "get-registered-users-num"; }

    @Override public String name() { return "Get Number of Registered Users"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        return CommandResponse.done(DataForm.result("Number of Registered Users", List.of(AdminForms.formType(),
                DataForm.Field.of("text-single", "registeredusersnum", "The number of registered users", false)
                        .withValues(List.of(Long.toString(auth.countUsers(host)))))));
    }
}
