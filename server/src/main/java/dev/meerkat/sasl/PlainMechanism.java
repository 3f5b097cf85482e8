package dev.meerkat.sasl;

import dev.meerkat.auth.AccountNames;
import dev.meerkat.jid.Jid;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}; authcid is the localpart. */
public final class PlainMechanism implements SaslMechanism {
    @Override
    public String name() { return "PLAIN"; }

    @Override
    public boolean needsChannelBinding() { return false; }

    @Override
    public boolean sendsPlainPassword() { return true; }

    @Override
    public SaslNegotiation start(SaslContext context) {
        return new SaslNegotiation() {
            private boolean challenged;
            private boolean done;

            @Override
            public SaslStep step(byte[] response) {
                if (done) return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "the exchange is over");
                if (response.length == 0 && !challenged) {
                    // No initial response: an empty challenge asks for it (RFC 6120 §6.4.2).
                    challenged = true;
                    return new SaslStep.Challenge(new byte[0]);
                }
                done = true;
                try {
                    return authenticate(context, response);
                } catch (AuthBackendException e) {
                    return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
                }
            }
        };
    }

    private static SaslStep authenticate(SaslContext context, byte[] response) {
        String msg;
        try {
            msg = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(response)).toString();
        } catch (CharacterCodingException e) {
            return malformed("not UTF-8");
        }
        String[] parts = msg.split("\0", -1);
        if (parts.length != 3) return malformed("expected authzid NUL authcid NUL passwd");
        String authzid = parts[0];
        String authcid = parts[1];
        String password = parts[2];
        if (authcid.isEmpty() || password.isEmpty()) return malformed("empty authcid or password");

        Optional<Jid> account = AccountNames.account(authcid, context.domain());
        if (account.isEmpty()) return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
        if (!authzid.isEmpty() && !account.get().equals(Jid.parseOrNull(authzid))) {
            return new SaslStep.Failure(SaslFailure.INVALID_AUTHZID, null);
        }
        if (!context.credentials().checkPassword(authcid, context.domain(), password)) {
            return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        return new SaslStep.Success(null, account.get().local());
    }

    private static SaslStep malformed(String text) {
        return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, text);
    }

    @Override
    public String toString() { return name(); }
}
