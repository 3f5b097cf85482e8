package dev.meerkat.mod.vcard;

import dev.meerkat.stanza.Presence;
import dev.meerkat.xml.Element;

/**
 * XEP-0153 §4.1 done by the server for clients that do not: available presence without a
 * {@code <x xmlns='vcard-temp:x:update'/>} gets one naming the stored photo's hash
 * ({@code <photo>hash</photo>}), or an empty {@code <photo/>} when the user has no photo.
 */
public final class AvatarPresence {
    public static final String NS = "vcard-temp:x:update";

    private AvatarPresence() {}

    /**
     * The presence to send instead, or the same one when nothing is added: it is not available
     * presence, the client included its own update element, or the hash is unknown (null).
     */
    public static Presence stamp(Presence p, String hash) {
        if (!p.isAvailable() || hash == null || p.element().child("x", NS).isPresent()) return p;
        Element photo = hash.isEmpty() ? Element.of("photo", NS) : Element.builder("photo", NS).text(hash).build();
        Element x = Element.builder("x", NS).child(photo).build();
        return new Presence(p.element().withChild(x), p.from(), p.to());
    }
}
