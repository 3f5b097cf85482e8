package dev.meerkat.mod.adhoc;

import dev.meerkat.auth.AuthService;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.RosterXml;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;

import java.util.Comparator;
import java.util.List;

/**
 * XEP-0133 §4.8 Get User Roster: the result form carries the account and a jabber:iq:roster query
 * with the items the user sees (the entries the server keeps only to remember a request are left
 * out, as in a roster get).
 */
final class GetUserRosterCommand implements AdhocCommand {
    private final String host;
    private final AuthService auth;
    private final RosterStore rosters;

    GetUserRosterCommand(String host, AuthService auth, RosterStore rosters) {
        this.host = host;
        this.auth = auth;
        this.rosters = rosters;
    }

    @Override public String node() { return AdminForms.NODE_PREFIX + "get-user-roster"; }

    @Override public String name() { return "Get User Roster"; }

    @Override
    public CommandResponse execute(CommandRequest request) {
        if (request.stage() == 0) {
            return CommandResponse.lastForm(DataForm.form("Getting a User's Roster", "Fill out this form to get a user's roster.",
                    List.of(AdminForms.formType(), AdminForms.accountJid("The Jabber ID for which to retrieve the roster"))));
        }
        Jid user = AdminForms.account(request.last(), host);
        if (!auth.userExists(user)) throw new StanzaException(StanzaError.ITEM_NOT_FOUND, "no such account: " + user);
        List<Element> items = rosters.items(user).stream().filter(i -> !i.hidden())
                .sorted(Comparator.comparing(RosterItem::contact)).map(RosterXml::item).toList();
        DataForm result = DataForm.result("Roster of " + user, List.of(AdminForms.formType(),
                        DataForm.Field.of("jid-single", "accountjid", "The Jabber ID", false).withValues(List.of(user.toString()))))
                .withPayload(RosterXml.query(null, items));
        return CommandResponse.done(result);
    }
}
