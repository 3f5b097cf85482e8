package dev.meerkat.mod.vcard;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.vcard.jdbc.JdbcVCardStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionKey;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.StoredXml;

import java.nio.charset.StandardCharsets;

/**
 * XEP-0054 vCards ({@code vcard-temp}): a user sets its own vCard and anyone may read it; plus the
 * XEP-0153 avatar hash added to the user's outgoing available presence ({@link AvatarPresence}).
 *
 * <p>Option {@code max_vcard_size} (bytes of the vCard's XML, default 65536).
 */
public final class VCardModule implements XmppModule {
    public static final String NS = "vcard-temp";
    public static final int DEFAULT_MAX_SIZE = 65_536;

    /** The photo hash of the session's user, cached so that presence does not read the store. */
    record Avatar(String hash) {}

    private static final SessionKey<Avatar> AVATAR = SessionKey.of("mod_vcard.avatar", Avatar.class);

    private final VCardStore store;
    private final SessionDirectory directory;
    private final int maxSize;

    public VCardModule(VCardStore store, SessionDirectory directory, int maxSize) {
        this.store = store;
        this.directory = directory;
        this.maxSize = maxSize;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_vcard"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new VCardModule(new JdbcVCardStore(services.database()), services.sessions().directory(),
                    options.integer("max_vcard_size", DEFAULT_MAX_SIZE, 1024, 16 * 1024 * 1024));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.iq(IqTarget.BARE_JID, "vCard", NS, this::handle);
        ctx.serverFeature(NS);
        ctx.accountFeature(NS);
        // Early, so that mod_presence and everyone after it see the stamped presence.
        ctx.hook(CoreHooks.USER_SEND, Priority.EARLY, e -> {
            if (!(e.stanza() instanceof Presence p) || !p.isAvailable()) return HookResult.proceed();
            Presence stamped = AvatarPresence.stamp(p, avatar(e.session()).hash());
            return stamped == p ? HookResult.proceed() : HookResult.proceedWith(new CoreHooks.UserSend(e.session(), stamped));
        });
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            store.remove(e.user());
            return HookResult.proceed();
        });
        ctx.provide(VCardService.class, new VCardService() {
            @Override
            public java.util.Optional<Element> vcard(Jid user) { return store.get(user.bare()).map(v -> StoredXml.parse(v.xml())); }

            @Override
            public void setVcard(Jid user, Element vcard) {
                if (!"vCard".equals(vcard.name()) || !NS.equals(vcard.namespace())) {
                    throw new IllegalArgumentException("expected <vCard xmlns='" + NS + "'/>");
                }
                if (!store(user.bare(), vcard)) throw new IllegalArgumentException("the vCard is larger than " + maxSize + " bytes");
            }
        });
    }

    Iq handle(IqRequest r) {
        Jid user = r.target().bare();
        if (r.isGet()) {
            // XEP-0054 §3.1 allows an empty vCard for "none stored"; MongooseIM and ejabberd do the same
            return r.result(store.get(user).map(v -> StoredXml.parse(v.xml())).orElse(Element.of("vCard", NS)));
        }
        if (!r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may set its vCard");
        if (!store(user, r.payload())) return r.error(StanzaError.NOT_ACCEPTABLE, "the vCard is larger than " + maxSize + " bytes");
        return r.result();
    }

    /** Stores the vCard and refreshes the avatar hash of the user's sessions; false if too large. */
    private boolean store(Jid user, Element vcard) {
        String xml = vcard.toXml();
        if (xml.getBytes(StandardCharsets.UTF_8).length > maxSize) return false;
        String hash = PhotoHash.of(vcard);
        store.set(user, new VCardStore.StoredVCard(xml, hash));
        for (SessionRef s : directory.resources(user)) {
            if (s instanceof LocalSession local) local.put(AVATAR, new Avatar(hash));
        }
        return true;
    }

    private Avatar avatar(LocalSession session) {
        Avatar cached = session.get(AVATAR);
        if (cached != null) return cached;
        Avatar loaded = new Avatar(store.get(session.jid().bare()).map(VCardStore.StoredVCard::photoHash).orElse(""));
        session.put(AVATAR, loaded);
        return loaded;
    }
}
