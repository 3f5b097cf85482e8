package dev.meerkat.mod.adhoc;

import java.util.List;

/** XEP-0133 §4.15 Get Number of Online Users: users with at least one session, not sessions. */
final class OnlineUsersNumCommand implements AdhocCommand {
    private final OnlineUsers online;

    OnlineUsersNumCommand(OnlineUsers online) {
        this.online = online;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "get-online-users-num"; }

    @Override public String name() { return "Get Number of Online Users"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        return CommandResponse.done(DataForm.result("Number of Online Users", List.of(AdminForms.formType(),
                DataForm.Field.of("text-single", "onlineusersnum", "The number of online users", false)
                        .withValues(List.of(Integer.toString(online.users().size()))))));
    }
}
