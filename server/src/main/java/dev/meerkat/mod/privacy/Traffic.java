package dev.meerkat.mod.privacy;

import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;

/**
 * What a stanza is from the point of view of the user whose list is checked. Only items for every
 * kind ({@link PrivacyItem#appliesToAll()}) match {@link #OTHER}: outgoing messages and IQs, and
 * presence that is not a notification (subscriptions, probes), which §2.11 and §2.12 leave out of
 * presence-in and presence-out.
 */
public enum Traffic {
    MESSAGE_IN, IQ_IN, PRESENCE_IN, PRESENCE_OUT, OTHER;

    public static Traffic incoming(Stanza s) {
        return switch (s) {
            case Message m -> MESSAGE_IN;
            case Iq iq -> IQ_IN;
            case Presence p -> isNotification(p) ? PRESENCE_IN : OTHER;
        };
    }

    public static Traffic outgoing(Stanza s) {
        return s instanceof Presence p && isNotification(p) ? PRESENCE_OUT : OTHER;
    }

    /** Presence notifications are available and unavailable presence, nothing else. */
    static boolean isNotification(Presence p) {
        return p.isAvailable() || p.isUnavailable();
    }

    PrivacyItem.Kind kind() {
        return switch (this) {
            case MESSAGE_IN -> PrivacyItem.Kind.MESSAGE;
            case IQ_IN -> PrivacyItem.Kind.IQ;
            case PRESENCE_IN -> PrivacyItem.Kind.PRESENCE_IN;
            case PRESENCE_OUT -> PrivacyItem.Kind.PRESENCE_OUT;
            case OTHER -> null;
        };
    }
}
