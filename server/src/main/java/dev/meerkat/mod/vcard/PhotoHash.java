package dev.meerkat.mod.vcard;

import dev.meerkat.xml.Element;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** XEP-0153 §4: the avatar hash is the hex SHA-1 of the vCard photo's binary data. */
public final class PhotoHash {
    private PhotoHash() {}

    /**
     * The hash of the vCard's {@code PHOTO/BINVAL}: "" when the vCard has no PHOTO, null when it has
     * one the server cannot hash (an EXTVAL link, or BINVAL that is not base64).
     */
    public static String of(Element vcard) {
        Optional<Element> photo = vcard.child("PHOTO", VCardModule.NS);
        if (photo.isEmpty()) return "";
        Optional<String> binval = photo.get().childText("BINVAL", VCardModule.NS);
        if (binval.isEmpty() || binval.get().isBlank()) {
            // <PHOTO/> without data is how clients remove an avatar (XEP-0153 §3.3)
            return photo.get().elements().isEmpty() || photo.get().child("EXTVAL", VCardModule.NS).isEmpty() ? "" : null;
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(binval.get().strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        return sha1Hex(data);
    }

    static String sha1Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
