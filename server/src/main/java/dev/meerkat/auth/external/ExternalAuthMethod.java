package dev.meerkat.auth.external;

import dev.meerkat.auth.AuthMethod;
import dev.meerkat.config.AuthMethodsConfig;
import dev.meerkat.jid.Jid;
import dev.meerkat.sasl.AuthBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code external} method: asks a script with the ejabberd/MongooseIM extauth protocol. A pool
 * of {@code instances} copies; a request takes a free one, waiting up to the timeout for it.
 * An unanswered request (timeout) counts as "no"; a script that cannot be run is a backend failure.
 */
public final class ExternalAuthMethod implements AuthMethod, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExternalAuthMethod.class);

    private final AuthMethodsConfig.External config;
    private final List<ExtauthProcess> all = new ArrayList<>();
    private final BlockingQueue<ExtauthProcess> idle;

    public ExternalAuthMethod(AuthMethodsConfig.External config) {
        this.config = config;
        this.idle = new ArrayBlockingQueue<>(config.instances());
        for (int i = 0; i < config.instances(); i++) {
            ExtauthProcess p = new ExtauthProcess(List.of(config.program()), config.timeout());
            all.add(p);
            idle.add(p);
        }
    }

    @Override
    public String name() { return "external"; }

    @Override
    public boolean checkPassword(Jid bare, String password) {
        return ask("auth:" + bare.local() + ":" + bare.domain() + ":" + password);
    }

    @Override
    public boolean userExists(Jid bare) {
        return ask("isuser:" + bare.local() + ":" + bare.domain());
    }

    @Override
    public boolean canRegister() { return true; }

    @Override
    public boolean register(Jid bare, String password) {
        return ask("tryregister:" + bare.local() + ":" + bare.domain() + ":" + password);
    }

    @Override
    public boolean setPassword(Jid bare, String password) {
        return ask("setpass:" + bare.local() + ":" + bare.domain() + ":" + password);
    }

    @Override
    public boolean removeUser(Jid bare) {
        return ask("removeuser:" + bare.local() + ":" + bare.domain());
    }

    private boolean ask(String request) {
        String verb = request.substring(0, request.indexOf(':'));
        ExtauthProcess process;
        try {
            process = idle.poll(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthBackendException("interrupted waiting for an extauth script", e);
        }
        if (process == null) {
            log.warn("extauth: all {} script(s) busy for {}; answering no", config.instances(), config.timeout());
            return false;
        }
        try {
            ExtauthProcess.Answer answer = process.request(request);
            if (answer == ExtauthProcess.Answer.TIMEOUT) {
                log.warn("extauth: {} got no answer from {} within {}; answering no", verb, config.program(), config.timeout());
            }
            return answer == ExtauthProcess.Answer.YES;
        } catch (IOException e) {
            // never log the request: it may hold a password
            throw new AuthBackendException("extauth script " + config.program() + " failed on " + verb + ": "
                    + e.getMessage(), e);
        } finally {
            idle.add(process);
        }
    }

    @Override
    public void close() {
        all.forEach(ExtauthProcess::close);
    }
}
