package dev.meerkat.mod.csi;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.metrics.ModuleMetrics;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionKey;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Node;

/**
 * XEP-0352 Client State Indication ({@code urn:xmpp:csi:0}). While a client says it is
 * {@code <inactive/>}, presence broadcasts and chat-state-only messages for it are held back
 * (presence coalesced per sender); anything else (messages with content, IQs, subscription
 * requests) is delivered at once, after what was held, so the client sees everything in order.
 * {@code <active/>} or a full buffer sends everything held.
 *
 * <p>Option: {@code buffer_max} (default 100).
 */
public final class CsiModule implements XmppModule {
    public static final String NS = "urn:xmpp:csi:0";
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    private static final SessionKey<HeldStanzas> HELD = SessionKey.of("mod_csi.held", HeldStanzas.class);

    private final int bufferMax;

    public CsiModule(int bufferMax) {
        this.bufferMax = bufferMax;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_csi"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new CsiModule(options.integer("buffer_max", 100, 1, 100_000));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ModuleMetrics.Count heldCount = ModuleMetrics.of(ctx.hostContext())
                .counter("mod_csi_held", "Stanzas held back while a client was inactive (XEP-0352)");
        ModuleMetrics.Count inactive = ModuleMetrics.of(ctx.hostContext())
                .counter("mod_csi_inactive", "Clients that reported they became inactive (XEP-0352)");
        Element feature = Element.of("csi", NS);
        ctx.hook(CoreHooks.STREAM_FEATURES, Priority.DEFAULT, e -> {
            e.features().accept(feature);
            return HookResult.proceed();
        });
        ctx.hook(CoreHooks.NON_STANZA_ELEMENT, Priority.DEFAULT, e -> {
            Element el = e.element();
            if (!NS.equals(el.namespace())) return HookResult.proceed();
            switch (el.name()) {
                case "inactive" -> {
                    if (e.session().get(HELD) == null) {
                        e.session().put(HELD, new HeldStanzas(bufferMax));
                        inactive.increment();
                    }
                }
                case "active" -> {
                    HeldStanzas held = e.session().get(HELD);
                    e.session().put(HELD, null);
                    if (held != null) flush(e.session(), held);
                }
                default -> { return HookResult.proceed(); }
            }
            return HookResult.stop();
        });
        // Late: filters that drop a stanza (privacy, blocking) run first, so nothing dropped is held.
        ctx.hook(CoreHooks.USER_RECEIVE, Priority.LATE, e -> {
            HeldStanzas held = e.session().get(HELD);
            if (held == null) return HookResult.proceed();
            if (holdable(e.stanza())) {
                heldCount.increment();
                if (held.add(e.stanza())) flush(e.session(), held);
                return HookResult.stop();
            }
            flush(e.session(), held);
            return HookResult.proceed();
        });
    }

    private static void flush(LocalSession session, HeldStanzas held) {
        for (Stanza s : held.drain()) session.sendNow(s);
    }

    /** Presence broadcasts and messages carrying nothing but a chat state can wait. */
    static boolean holdable(Stanza s) {
        return switch (s) {
            case Presence p -> p.isAvailable() || p.isUnavailable();
            case Message m -> !m.isError() && chatStateOnly(m.element());
            default -> false;
        };
    }

    private static boolean chatStateOnly(Element m) {
        boolean chatState = false;
        for (Node n : m.children()) {
            if (!(n instanceof Element c)) continue;
            if (CHAT_STATES.equals(c.namespace())) chatState = true;
            else if (!"thread".equals(c.name())) return false;
        }
        return chatState;
    }
}
