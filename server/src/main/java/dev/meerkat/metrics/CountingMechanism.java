package dev.meerkat.metrics;

import dev.meerkat.sasl.SaslContext;
import dev.meerkat.sasl.SaslMechanism;
import dev.meerkat.sasl.SaslNegotiation;
import dev.meerkat.sasl.SaslStep;

/** A SASL mechanism that counts the attempts, successes and failures of the one it wraps. */
final class CountingMechanism implements SaslMechanism {
    private final SaslMechanism inner;
    private final XmppMetrics metrics;

    CountingMechanism(SaslMechanism inner, XmppMetrics metrics) {
        this.inner = inner;
        this.metrics = metrics;
    }

    @Override public String name() { return inner.name(); }

    @Override public boolean needsChannelBinding() { return inner.needsChannelBinding(); }

    @Override public boolean sendsPlainPassword() { return inner.sendsPlainPassword(); }

    @Override
    public SaslNegotiation start(SaslContext context) {
        metrics.saslAttempt(inner.name());
        SaslNegotiation negotiation = inner.start(context);
        return response -> {
            SaslStep step = negotiation.step(response);
            if (step instanceof SaslStep.Success) metrics.saslSuccess(inner.name());
            else if (step instanceof SaslStep.Failure) metrics.saslFailure(inner.name());
            return step;
        };
    }
}
