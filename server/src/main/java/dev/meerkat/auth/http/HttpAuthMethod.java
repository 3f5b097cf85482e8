package dev.meerkat.auth.http;

import dev.meerkat.auth.AuthMethod;
import dev.meerkat.auth.Scram;
import dev.meerkat.auth.StoredCredentials;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.jid.Jid;
import dev.meerkat.sasl.AuthBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http} method: MongooseIM's HTTP auth service API. Reads are GET requests with
 * {@code ?user=U&server=S[&pass=P]}; changes are POST requests with the same form in the body.
 * {@code check_password} and {@code user_exists} answer {@code true} or {@code false} with status
 * 200; 404 means "no such user". Any other status, an unreadable answer, a timeout or a connection
 * failure is a backend failure ({@link AuthBackendException}): an unreachable service must not look
 * like a wrong password.
 *
 * <p>Requests block the calling thread (a session's executor, never an event loop). At most
 * {@code pool_size} run at once; the rest wait for a slot up to the timeout.
 */
public final class HttpAuthMethod implements AuthMethod, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpAuthMethod.class);
    /** What MongooseIM stores for SCRAM passwords; not a plain password we could derive credentials from. */
    private static final String SERIALIZED_SCRAM_PREFIX = "==";

    private final AuthMethodsConfig.Http config;
    private final HttpClient client;
    private final Semaphore slots;
    private final String authorization;
    private final int scramIterations;
    private final SecureRandom random;

    public HttpAuthMethod(AuthMethodsConfig.Http config, int scramIterations, SecureRandom random) {
        this.config = config;
        this.scramIterations = scramIterations;
        this.random = random;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.slots = new Semaphore(config.poolSize(), true);
        this.authorization = config.basicAuth() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.basicAuth().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() { return "http"; }

    @Override
    public boolean hasScramCredentials() { return config.scram(); }

    /**
     * With {@code scram = true}: SCRAM credentials derived from the plain password that
     * {@code get_password} returns (new salt each time, so nothing is cached here). Empty for an
     * unknown user, and for a password MongooseIM stored in its serialised SCRAM format.
     */
    @Override
    public Optional<StoredCredentials> credentials(Jid bare) {
        if (!config.scram()) return Optional.empty();
        return password(bare).flatMap(p -> {
            if (p.startsWith(SERIALIZED_SCRAM_PREFIX)) {
                log.warn("http auth: get_password returned a serialised SCRAM value for {}; only plain passwords can be used", bare);
                return Optional.empty();
            }
            return Optional.of(Scram.derive(p, scramIterations, random));
        });
    }

    @Override
    public boolean checkPassword(Jid bare, String password) {
        Answer a = get("check_password", form(bare, password));
        return a.status() == 404 ? false : trueOrFalse("check_password", a);
    }

    @Override
    public boolean userExists(Jid bare) {
        Answer a = get("user_exists", form(bare, null));
        return a.status() == 404 ? false : trueOrFalse("user_exists", a);
    }

    /** The user's password from {@code get_password}; empty when the service says 404. */
    public Optional<String> password(Jid bare) {
        Answer a = get("get_password", form(bare, null));
        if (a.status() == 404) return Optional.empty();
        if (a.status() != 200) throw unexpected("get_password", a);
        return Optional.of(a.body());
    }

    @Override
    public boolean canRegister() { return true; }

    /** {@code register}: 201 created, 409 exists. */
    @Override
    public boolean register(Jid bare, String password) {
        Answer a = post("register", form(bare, password));
        return switch (a.status()) {
            case 201 -> true;
            case 409 -> false;
            default -> throw unexpected("register", a);
        };
    }

    /** {@code set_password}: 200 or 204 changed, 404 no such user. */
    @Override
    public boolean setPassword(Jid bare, String password) {
        Answer a = post("set_password", form(bare, password));
        return switch (a.status()) {
            case 200, 204 -> true;
            case 404 -> false;
            default -> throw unexpected("set_password", a);
        };
    }

    /** {@code remove_user}: 200 or 204 removed, 404 no such user, 403 not allowed. */
    @Override
    public boolean removeUser(Jid bare) {
        Answer a = post("remove_user", form(bare, null));
        return switch (a.status()) {
            case 200, 204 -> true;
            case 403, 404 -> false;
            default -> throw unexpected("remove_user", a);
        };
    }

    private record Answer(int status, String body) {}

    private Answer get(String operation, String form) {
        return send(operation, builder(URI.create(config.url() + "/" + operation + "?" + form)).GET());
    }

    private Answer post(String operation, String form) {
        return send(operation, builder(URI.create(config.url() + "/" + operation))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.timeout());
        if (authorization != null) b.header("Authorization", authorization);
        return b;
    }

    private Answer send(String operation, HttpRequest.Builder request) {
        try {
            if (!slots.tryAcquire(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AuthBackendException("http auth: all " + config.poolSize() + " request slots busy for "
                        + config.timeout() + " (" + operation + ")", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthBackendException("http auth: interrupted waiting for a request slot", e);
        }
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            // the message names the operation and the service, never the query (it may hold a password)
            throw new AuthBackendException("http auth: " + operation + " at " + config.url() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthBackendException("http auth: interrupted during " + operation, e);
        } finally {
            slots.release();
        }
    }

    private AuthBackendException unexpected(String operation, Answer a) {
        return new AuthBackendException("http auth: " + operation + " at " + config.url() + " answered status "
                + a.status(), null);
    }

    private boolean trueOrFalse(String operation, Answer a) {
        if (a.status() != 200) throw unexpected(operation, a);
        return switch (a.body().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new AuthBackendException("http auth: " + operation + " at " + config.url()
                    + " answered 200 without true or false", null);
        };
    }

    /** {@code user=U&server=S}, plus {@code &pass=P} when there is a password, form-encoded in UTF-8. */
    private static String form(Jid bare, String password) {
        String f = "user=" + encode(bare.local()) + "&server=" + encode(bare.domain());
        return password == null ? f : f + "&pass=" + encode(password);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
