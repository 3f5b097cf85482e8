package dev.meerkat.mod.vcard;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.Optional;

/**
 * mod_vcard for the rest of the server (the admin API), provided per host through
 * {@code HostContext.service(VCardService.class)}. Methods block on storage.
 */
public interface VCardService {
    /** The user's stored {@code <vCard xmlns='vcard-temp'/>}, empty when none is stored. */
    Optional<Element> vcard(Jid user);

    /**
     * Stores the user's vCard as a client's set would (size limit, photo hash for presence).
     *
     * @throws IllegalArgumentException if it is not a vcard-temp vCard element or is too large
     */
    void setVcard(Jid user, Element vcard);
}
