package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

import java.util.ArrayList;
import java.util.List;

/** The fields and checks the XEP-0133 commands share. */
final class AdminForms {
    static final String NODE_PREFIX = "http://jabber.org/protocol/admin#";

    private AdminForms() {}

    static DataForm.Field formType() { return DataForm.Field.hidden("FORM_TYPE", DataForm.ADMIN_FORM_TYPE); }

    static DataForm.Field accountJid(String label) { return DataForm.Field.of("jid-single", "accountjid", label, true); }

    static DataForm.Field accountJids(String label) { return DataForm.Field.of("jid-multi", "accountjids", label, true); }

    static DataForm.Field password(String var, String label) { return DataForm.Field.of("text-private", var, label, true); }

    /** The single account a form names, which must be a bare JID of this host. */
    static Jid account(DataForm form, String host) {
        String value = form.value("accountjid").orElseThrow(() -> new StanzaException(StanzaError.BAD_REQUEST, "accountjid is required"));
        return localUser(value, host, false);
    }

    /** The accounts (or, with {@code fullAllowed}, sessions) a jid-multi field names. */
    static List<Jid> accounts(DataForm form, String host, boolean fullAllowed) {
        List<Jid> out = new ArrayList<>();
        for (String v : form.values("accountjids")) {
            if (!v.isBlank()) out.add(localUser(v.strip(), host, fullAllowed));
        }
        if (out.isEmpty()) throw new StanzaException(StanzaError.BAD_REQUEST, "accountjids is required");
        return out;
    }

    static String required(DataForm form, String var) {
        return form.values(var).stream().findFirst().filter(s -> !s.isEmpty())
                .orElseThrow(() -> new StanzaException(StanzaError.BAD_REQUEST, var + " is required"));
    }

    private static Jid localUser(String value, String host, boolean fullAllowed) {
        Jid jid;
        try {
            jid = Jid.parse(value);
        } catch (JidFormatException e) {
            throw new StanzaException(StanzaError.JID_MALFORMED, "not a JID: " + value);
        }
        if (!jid.hasLocal() || (!fullAllowed && !jid.isBare())) throw new StanzaException(StanzaError.BAD_REQUEST, "not an account JID: " + value);
        // an admin of one host administers that host's accounts only
        if (!jid.domain().equals(host)) throw new StanzaException(StanzaError.NOT_ALLOWED, value + " is not an account of " + host);
        return jid;
    }
}
