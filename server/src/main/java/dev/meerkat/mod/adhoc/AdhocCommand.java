package dev.meerkat.mod.adhoc;

/**
 * One ad-hoc command: a node, a name, and the answer to each stage. The framework keeps the
 * session, handles prev/cancel and the protocol errors; a command only turns the forms submitted
 * so far into the next form or the result. Throwing {@link dev.meerkat.stanza.StanzaException}
 * answers with that error and leaves the session at the same stage, so the requester can correct
 * the form or cancel.
 */
public interface AdhocCommand {
    String node();

    String name();

    /** True if only the admins of {@code [acl] admin} may see and run it. */
    default boolean adminOnly() { return true; }

    CommandResponse execute(CommandRequest request);
}
