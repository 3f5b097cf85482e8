package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

import java.util.List;

/** XEP-0133 §4.20 Get List of Online Users: asks how many to list, then lists bare JIDs. */
final class OnlineUsersListCommand implements AdhocCommand {
    private static final List<String> LIMITS = List.of("25", "50", "75", "100", "150", "200", "none");

    private final OnlineUsers online;

    OnlineUsersListCommand(OnlineUsers online) {
        this.online = online;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "get-online-users-list"; }

    @Override public String name() { return "Get List of Online Users"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        if (request.stage() == 0) {
            DataForm.Field max = DataForm.Field.of("list-single", "max_items", "Maximum number of items to show", false)
                    .withOptions(LIMITS.stream().map(l -> new DataForm.Option(l, l)).toList()).withValues(List.of("25"));
            return CommandResponse.lastForm(DataForm.form("Requesting List of Online Users", "Fill out this form to request the online users of this service.",
                    List.of(AdminForms.formType(), max)));
        }
        String max = request.last().value("max_items").orElse("none");
        if (!LIMITS.contains(max)) throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "max_items must be one of " + LIMITS);
        List<Jid> users = online.users();
        if (!max.equals("none")) users = users.subList(0, Math.min(users.size(), Integer.parseInt(max)));
        return CommandResponse.done(DataForm.result("Online Users", List.of(AdminForms.formType(),
                DataForm.Field.of("jid-multi", "onlineuserjids", "The list of all online users", false)
                        .withValues(users.stream().map(Jid::toString).toList()))));
    }
}
