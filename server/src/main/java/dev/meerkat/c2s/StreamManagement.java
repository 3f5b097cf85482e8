package dev.meerkat.c2s;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * XEP-0198 stream management as a host offers it to its client sessions (provided by
 * {@code mod_stream_management} through {@link dev.meerkat.module.HostContext#provide}); without it
 * the sessions of the host treat {@code urn:xmpp:sm:3} elements like any unknown element.
 *
 * @param resumeTimeout how long a session whose connection died waits to be resumed (sent as 'max')
 * @param bufferMax     unacknowledged stanzas a session may hold; one more ends it with resource-constraint
 * @param ackFreq       the server asks for an ack once at least this many stanzas went out unasked
 *                      (checked once per output batch, so a burst gets one {@code <r/>})
 * @param registry      where resumable sessions are found by their id
 * @param random        source of resumption ids
 */
public record StreamManagement(Duration resumeTimeout, int bufferMax, int ackFreq, ResumptionRegistry registry,
                               SecureRandom random) {
    public static final String NS = "urn:xmpp:sm:3";

    /** A new resumption id: 128 random bits, so that nobody can guess another session's id. */
    public String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
