package dev.meerkat.mod.register;

import dev.meerkat.auth.AuthService;
import dev.meerkat.config.ConfigException;
import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stream.StreamError;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * XEP-0077 In-Band Registration: account creation before login (from allowed addresses only),
 * password change and account removal after login.
 *
 * <p>Options: {@code ip_access} (ordered allow/deny rules, default loopback only, as MongooseIM's
 * default), {@code welcome_message} (body of a message sent to new accounts, default none),
 * {@code min_password_length} (default 1).
 */
public final class RegisterModule implements XmppModule {
    public static final String NAMESPACE = "jabber:iq:register";
    private static final long REMOVAL_GRACE_MILLIS = 250;

    private final IpAccess ipAccess;
    private final String welcomeMessage;
    private final int minPasswordLength;
    private final ServerServices services;
    private ModuleContext ctx;

    public RegisterModule(IpAccess ipAccess, String welcomeMessage, int minPasswordLength, ServerServices services) {
        this.ipAccess = ipAccess;
        this.welcomeMessage = welcomeMessage;
        this.minPasswordLength = minPasswordLength;
        this.services = services;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_register"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            List<IpAccess.Rule> rules = new ArrayList<>();
            if (options.has("ip_access")) {
                int i = 0;
                for (Options rule : options.tableList("ip_access")) {
                    String policy = rule.oneOf("policy", Set.of("allow", "deny"), null);
                    String address = rule.string("address", null);
                    if (policy == null || address == null)
                        throw new ConfigException(options.path() + ".ip_access[" + i + "]: needs address and policy");
                    try {
                        rules.add(IpAccess.rule(address, policy.equals("allow")));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(options.path() + ".ip_access[" + i + "].address: " + e.getMessage());
                    }
                    rule.rejectUnknown();
                    i++;
                }
            } else {
                rules.add(IpAccess.rule("127.0.0.0/8", true));
                rules.add(IpAccess.rule("::1/128", true));
            }
            return new RegisterModule(new IpAccess(rules), options.string("welcome_message", null),
                    options.integer("min_password_length", 1, 1, 1024), services);
        }
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        context.serverFeature(NAMESPACE);
        context.preAuthIq("query", NAMESPACE, this::beforeLogin);
        context.iq(IqTarget.SERVER, "query", NAMESPACE, this::afterLogin);
        context.iq(IqTarget.BARE_JID, "query", NAMESPACE, this::afterLogin);
    }

    /** Pre-auth: the form, or a new account. */
    Iq beforeLogin(IqRequest r) {
        if (r.session() == null || !ipAccess.allows(r.session().remoteAddress().getAddress())) {
            return r.error(StanzaError.NOT_ALLOWED, "registration is not allowed from your address");
        }
        if (r.isGet()) return r.result(form());
        Element q = r.payload();
        if (q.child("remove", NAMESPACE).isPresent()) return r.error(StanzaError.NOT_AUTHORIZED, "log in to remove an account");
        String username = q.childText("username", NAMESPACE).orElse("").strip();
        String password = q.childText("password", NAMESPACE).orElse("");
        if (username.isEmpty() || password.isEmpty()) return r.error(StanzaError.NOT_ACCEPTABLE, "username and password are required");
        Jid user;
        try {
            user = Jid.of(username, ctx.host(), null);
        } catch (JidFormatException e) {
            return r.error(StanzaError.JID_MALFORMED, "invalid username");
        }
        if (password.length() < minPasswordLength) return r.error(StanzaError.NOT_ACCEPTABLE, "password too short");
        AuthService auth = services.auth();
        boolean created;
        try {
            created = auth.register(user, password);
        } catch (IllegalArgumentException e) {
            return r.error(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
        if (!created) return r.error(StanzaError.CONFLICT, "the username is taken");
        ctx.hostContext().hooks().run(CoreHooks.USER_REGISTERED, new CoreHooks.UserRegistered(user));
        if (welcomeMessage != null) {
            services.router().route(dev.meerkat.stanza.Stanza.of(Element.builder("message", dev.meerkat.xml.Ns.CLIENT)
                    .attr("from", ctx.host()).attr("to", user.toString()).attr("type", "normal")
                    .textChild("body", welcomeMessage).build()));
        }
        return r.result();
    }

    /** Authenticated: registration info, password change, account removal. */
    Iq afterLogin(IqRequest r) {
        Jid from = r.from();
        if (from == null || !from.hasLocal() || !from.domain().equals(ctx.host())) return r.error(StanzaError.NOT_ALLOWED);
        if (r.target().hasLocal() && !r.fromOwner()) return r.error(StanzaError.FORBIDDEN);
        Element q = r.payload();
        if (r.isGet()) {
            return r.result(Element.builder("query", NAMESPACE).child(Element.of("registered", NAMESPACE))
                    .textChild("username", from.local()).child(Element.of("password", NAMESPACE)).build());
        }
        if (q.child("remove", NAMESPACE).isPresent()) {
            services.auth().removeUser(from.bare());
            ctx.hostContext().hooks().run(CoreHooks.USER_REMOVED, new CoreHooks.UserRemoved(from.bare()));
            services.router().route(r.result());
            // Closing at once can overtake the result inside clients that hand stanzas to another
            // thread (Smack does): the sessions end a moment after the answer has gone out.
            services.scheduler().schedule(() -> {
                for (SessionRef s : services.sessions().directory().resources(from.bare())) {
                    if (s instanceof LocalSession ls) ls.close(StreamError.NOT_AUTHORIZED, "account removed");
                }
            }, REMOVAL_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            return null;
        }
        String username = q.childText("username", NAMESPACE).orElse(from.local()).strip();
        String password = q.childText("password", NAMESPACE).orElse("");
        Jid named;
        try {
            named = Jid.of(username, ctx.host(), null);
        } catch (JidFormatException e) {
            return r.error(StanzaError.BAD_REQUEST, "invalid username");
        }
        if (!named.equals(from.bare())) return r.error(StanzaError.NOT_ALLOWED, "you can only change your own password");
        if (password.length() < minPasswordLength) return r.error(StanzaError.NOT_ACCEPTABLE, "password too short");
        try {
            services.auth().setPassword(from.bare(), password);
        } catch (IllegalArgumentException e) {
            return r.error(StanzaError.NOT_ACCEPTABLE, e.getMessage());
        }
        return r.result();
    }

    private static Element form() {
        return Element.builder("query", NAMESPACE)
                .textChild("instructions", "Choose a username and password to register with this server.")
                .child(Element.of("username", NAMESPACE)).child(Element.of("password", NAMESPACE)).build();
    }
}
