package dev.meerkat.module;

/**
 * Answers IQ get/set requests for one payload (element name and namespace). Runs on the sender's
 * session executor (or another non-event-loop thread) and may block briefly. Returns the reply (a
 * result or an error from {@link IqRequest}), or null when the handler sends its reply itself.
 * Throwing {@link dev.meerkat.stanza.StanzaException} answers with that error.
 */
@FunctionalInterface
public interface IqHandler {
    dev.meerkat.stanza.Iq handle(IqRequest request) throws Exception;
}
