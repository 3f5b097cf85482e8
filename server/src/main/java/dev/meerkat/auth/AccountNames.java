package dev.meerkat.auth;

import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;

import java.util.Optional;

/** Turns a user name as a client typed it into the account's bare JID. */
public final class AccountNames {
    private AccountNames() {}

    /**
     * The bare JID {@code user@domain} with both parts normalised (RFC 7622), or empty if the user
     * name cannot be a localpart. Names with '@' or '/' are refused up front: glued into a JID
     * string they would be read as another domain or a resource instead of failing.
     */
    public static Optional<Jid> account(String user, String domain) {
        if (user == null || user.isEmpty() || domain == null || user.indexOf('@') >= 0 || user.indexOf('/') >= 0) {
            return Optional.empty();
        }
        try {
            Jid jid = Jid.of(user, domain, null);
            if (!jid.hasLocal() || !jid.isBare() || !jid.domain().equals(Jid.domain(domain).domain())) {
                return Optional.empty();
            }
            return Optional.of(jid);
        } catch (JidFormatException e) {
            return Optional.empty();
        }
    }

    /** True for a JID that can name an account: a localpart and no resource. */
    public static boolean isAccount(Jid jid) {
        return jid != null && jid.hasLocal() && jid.isBare();
    }
}
