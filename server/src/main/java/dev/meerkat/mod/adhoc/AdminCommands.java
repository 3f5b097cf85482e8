package dev.meerkat.mod.adhoc;

import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ServerServices;

import java.util.List;

/** The XEP-0133 commands of one host. */
final class AdminCommands {
    private AdminCommands() {}

    static List<AdhocCommand> all(ModuleContext ctx, RosterStore rosters) {
        ServerServices s = ctx.services();
        String host = ctx.host();
        var hooks = ctx.hostContext().hooks();
        OnlineUsers online = new OnlineUsers(host, s.sessions().directory());
        SessionCloser closer = new SessionCloser(s.sessions().directory(), s.scheduler());
        return List.of(
                new AddUserCommand(host, s.auth(), hooks),
                new DeleteUserCommand(host, s.auth(), hooks, closer),
                new EndUserSessionCommand(host, closer),
                new ChangePasswordCommand(host, s.auth()),
                new GetUserRosterCommand(host, s.auth(), rosters),
                new RegisteredUsersNumCommand(host, s.auth()),
                new OnlineUsersNumCommand(online),
                new OnlineUsersListCommand(online),
                new AnnounceCommand(host, online, s.router()));
    }
}
