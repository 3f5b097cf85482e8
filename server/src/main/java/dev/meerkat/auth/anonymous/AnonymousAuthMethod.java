package dev.meerkat.auth.anonymous;

import dev.meerkat.auth.AuthMethod;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.jid.Jid;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code anonymous} method: temporary accounts that exist only while their sessions do. With
 * protocol sasl_anon the client uses SASL ANONYMOUS (RFC 4505) and gets a random user name; with
 * login_anon it logs in with PLAIN under any name no other method knows, with any password.
 *
 * <p>The composition root calls {@link #sessionClosed} when a session of such an account ends; when
 * it was the last one, the account is released and the caller runs USER_REMOVED so that modules
 * delete what the temporary account left (roster, offline messages, ...).
 */
public final class AnonymousAuthMethod implements AuthMethod {
    private final AuthMethodsConfig.Anonymous config;
    private final SecureRandom random;
    /** Accounts in use: claimed at authentication, released with their last session. */
    private final Set<Jid> active = ConcurrentHashMap.newKeySet();

    public AnonymousAuthMethod(AuthMethodsConfig.Anonymous config, SecureRandom random) {
        this.config = config;
        this.random = random;
    }

    @Override
    public String name() { return "anonymous"; }

    public boolean saslAnon() { return config.saslAnon(); }

    public boolean loginAnon() { return config.loginAnon(); }

    /** A fresh random account of {@code domain} for SASL ANONYMOUS, already claimed. */
    public Jid newUser(String domain) {
        while (true) {
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            Jid jid = Jid.of("anon-" + HexFormat.of().formatHex(bytes), domain, null);
            if (active.add(jid)) return jid;
        }
    }

    /**
     * Takes a login_anon name: true if it was free, or in use and several connections are allowed.
     */
    public boolean claim(Jid bare) {
        return active.add(bare) || config.allowMultipleConnections();
    }

    /** Password checks are done by {@link dev.meerkat.auth.AuthService} via {@link #claim}. */
    @Override
    public boolean checkPassword(Jid bare, String password) { return false; }

    @Override
    public boolean userExists(Jid bare) { return active.contains(bare); }

    @Override
    public boolean removeUser(Jid bare) { return active.remove(bare); }

    /**
     * A session of {@code bare} ended and {@code remainingSessions} are still bound to it. Returns
     * true when this was the last session of an anonymous account, which is now gone: the caller
     * runs USER_REMOVED for it.
     */
    public boolean sessionClosed(Jid bare, int remainingSessions) {
        return remainingSessions == 0 && active.remove(bare);
    }
}
