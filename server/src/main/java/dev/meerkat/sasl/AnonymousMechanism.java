package dev.meerkat.sasl;

import dev.meerkat.auth.anonymous.AnonymousAuthMethod;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * ANONYMOUS (RFC 4505): the client sends optional trace information (at most 255 UTF-8
 * characters, only logged by servers that care; we ignore it) and gets a fresh temporary account.
 */
public final class AnonymousMechanism implements SaslMechanism {
    private static final int MAX_TRACE_CHARS = 255;

    private final AnonymousAuthMethod accounts;

    public AnonymousMechanism(AnonymousAuthMethod accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() { return "ANONYMOUS"; }

    @Override
    public boolean needsChannelBinding() { return false; }

    @Override
    public boolean sendsPlainPassword() { return false; }

    @Override
    public SaslNegotiation start(SaslContext context) {
        return new SaslNegotiation() {
            private boolean done;

            @Override
            public SaslStep step(byte[] response) {
                if (done) return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "the exchange is over");
                done = true;
                String trace;
                try {
                    trace = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(response)).toString();
                } catch (CharacterCodingException e) {
                    return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "trace is not UTF-8");
                }
                if (trace.codePointCount(0, trace.length()) > MAX_TRACE_CHARS) {
                    return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "trace longer than 255 characters");
                }
                return new SaslStep.Success(null, accounts.newUser(context.domain()).local());
            }
        };
    }

    @Override
    public String toString() { return name(); }
}
