package dev.meerkat.routing;

import dev.meerkat.jid.Jid;
import dev.meerkat.module.IqHandler;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqRouter;
import dev.meerkat.module.IqTarget;
import dev.meerkat.session.LocalSession;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the handler of an IQ request and turns its outcome, or its failure, into the reply. */
public final class IqDispatcher {
    private static final Logger log = LoggerFactory.getLogger(IqDispatcher.class);

    private IqDispatcher() {}

    /**
     * Returns the reply to send, or null if the handler sends its own. An IQ whose payload nobody
     * handles gets service-unavailable (RFC 6120 §8.4).
     */
    public static Iq dispatch(IqRouter router, IqTarget target, Jid targetJid, Iq iq, LocalSession session, boolean preAuth) {
        IqRequest request = new IqRequest(iq, targetJid, session);
        Element payload = iq.payload().orElse(null);
        if (payload == null) return request.error(StanzaError.BAD_REQUEST, "IQ request without payload");
        IqHandler handler = preAuth ? router.findPreAuth(payload.name(), payload.namespace())
                : router.find(target, payload.name(), payload.namespace());
        if (handler == null) return request.error(StanzaError.SERVICE_UNAVAILABLE);
        try {
            return handler.handle(request);
        } catch (StanzaException e) {
            return request.error(e.error(), e.text());
        } catch (dev.meerkat.storage.StorageException e) {
            // A database outage: say so, and log one line per request rather than a stack trace.
            log.warn("IQ handler for {{}}{}: {}", payload.namespace(), payload.name(), e.getMessage());
            return request.error(StanzaError.INTERNAL_SERVER_ERROR, "the database is unavailable; try again later");
        } catch (Exception | LinkageError e) {
            log.error("IQ handler for {{}}{} failed on {}", payload.namespace(), payload.name(), iq.element(), e);
            return request.error(StanzaError.INTERNAL_SERVER_ERROR);
        }
    }
}
