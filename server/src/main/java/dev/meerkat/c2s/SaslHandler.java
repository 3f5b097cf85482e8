package dev.meerkat.c2s;

import dev.meerkat.sasl.AuthBackendException;
import dev.meerkat.sasl.ChannelBinding;
import dev.meerkat.sasl.SaslContext;
import dev.meerkat.sasl.SaslFailure;
import dev.meerkat.sasl.SaslMechanism;
import dev.meerkat.sasl.SaslNegotiation;
import dev.meerkat.sasl.SaslStep;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The SASL part of a client stream (RFC 6120 §6): offers mechanisms, runs exchanges, counts
 * failures. Runs on the session's executor, so credential look-ups may block.
 */
final class SaslHandler {
    private static final Logger log = LoggerFactory.getLogger(SaslHandler.class);

    /** Outcome of one SASL element. */
    sealed interface Result {
        record Continue() implements Result {}

        record Authenticated(String user) implements Result {}

        /** Too many failures: the stream must end. */
        record GiveUp() implements Result {}
    }

    private static final Result CONTINUE = new Result.Continue();

    private final C2sEnvironment env;
    private final ClientSession session;
    private SaslNegotiation negotiation;
    private int failures;

    SaslHandler(C2sEnvironment env, ClientSession session) {
        this.env = env;
        this.session = session;
    }

    /** The mechanisms this stream may use now. */
    List<SaslMechanism> offered() {
        boolean secure = session.transport().isSecure();
        boolean cb = !session.transport().channelBinding().types().isEmpty();
        List<SaslMechanism> out = new ArrayList<>();
        for (SaslMechanism m : env.mechanisms()) {
            if (m.needsChannelBinding() && !cb) continue;
            if (m.sendsPlainPassword() && !secure && !env.allowPlainWithoutTls()) continue;
            out.add(m);
        }
        return out;
    }

    Element mechanismsFeature() {
        Element.Builder b = Element.builder("mechanisms", Ns.SASL);
        for (SaslMechanism m : offered()) b.textChild("mechanism", m.name());
        return b.build();
    }

    /** XEP-0440: the channel-binding types this stream supports, or null without TLS. */
    Element channelBindingFeature() {
        ChannelBinding cb = session.transport().channelBinding();
        if (cb.types().isEmpty()) return null;
        Element.Builder b = Element.builder("sasl-channel-binding", Ns.SASL_CHANNEL_BINDING);
        cb.types().stream().sorted().forEach(t -> b.child(Element.builder("channel-binding", Ns.SASL_CHANNEL_BINDING).attr("type", t).build()));
        return b.build();
    }

    Result handle(Element e) {
        return switch (e.name()) {
            case "auth" -> auth(e);
            case "response" -> response(e);
            case "abort" -> {
                negotiation = null;
                yield fail(SaslFailure.ABORTED, null, false);
            }
            default -> fail(SaslFailure.MALFORMED_REQUEST, "unexpected element " + e.name(), false);
        };
    }

    private Result auth(Element e) {
        if (negotiation != null) {
            negotiation = null;
            return fail(SaslFailure.ABORTED, "a new exchange aborted the previous one", false);
        }
        if (env.throttle().blocked(session.remoteAddress().getAddress())) {
            return fail(SaslFailure.TEMPORARY_AUTH_FAILURE, "too many failed attempts from your address; try later", false);
        }
        String name = e.attr("mechanism");
        List<SaslMechanism> offered = offered();
        SaslMechanism mechanism = offered.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        if (mechanism == null) {
            boolean knownButRefused = name != null && env.mechanisms().stream().anyMatch(m -> m.name().equals(name));
            if (knownButRefused && !session.transport().isSecure()) return fail(SaslFailure.ENCRYPTION_REQUIRED, null, false);
            return fail(SaslFailure.INVALID_MECHANISM, null, false);
        }
        boolean plus = offered.stream().anyMatch(SaslMechanism::needsChannelBinding);
        negotiation = mechanism.start(new SaslContext(session.host(), env.credentials(),
                session.transport().channelBinding(), plus));
        String text = e.text().trim();
        if (text.isEmpty()) {
            // No initial response: RFC 6120 §6.4.2 asks for an empty challenge.
            session.transport().write(Element.of("challenge", Ns.SASL));
            return CONTINUE;
        }
        return step(text);
    }

    private Result response(Element e) {
        if (negotiation == null) return fail(SaslFailure.MALFORMED_REQUEST, "no exchange in progress", false);
        return step(e.text().trim());
    }

    private Result step(String base64) {
        byte[] data;
        if (base64.equals("=")) data = new byte[0];
        else {
            try {
                data = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException ex) {
                negotiation = null;
                return fail(SaslFailure.INCORRECT_ENCODING, null, true);
            }
        }
        SaslStep step;
        try {
            step = negotiation.step(data);
        } catch (AuthBackendException ex) {
            log.warn("authentication backend failed: {}", ex.getMessage());
            negotiation = null;
            return fail(SaslFailure.TEMPORARY_AUTH_FAILURE, null, false);
        }
        return switch (step) {
            case SaslStep.Challenge c -> {
                session.transport().write(Element.builder("challenge", Ns.SASL).text(encode(c.data())).build());
                yield CONTINUE;
            }
            case SaslStep.Success s -> {
                negotiation = null;
                Element.Builder b = Element.builder("success", Ns.SASL);
                if (s.additionalData() != null) b.text(encode(s.additionalData()));
                session.transport().write(b.build());
                yield new Result.Authenticated(s.user());
            }
            case SaslStep.Failure f -> {
                negotiation = null;
                yield fail(f.failure(), f.text(), true);
            }
        };
    }

    private Result fail(SaslFailure failure, String text, boolean countsAsAttempt) {
        Element.Builder b = Element.builder("failure", Ns.SASL).child(Element.of(failure.condition(), Ns.SASL));
        if (text != null) b.child(Element.builder("text", Ns.SASL).attr("xml:lang", "en").text(text).build());
        session.transport().write(b.build());
        if (countsAsAttempt && failure == SaslFailure.NOT_AUTHORIZED) env.throttle().failed(session.remoteAddress().getAddress());
        if (failure != SaslFailure.ABORTED && ++failures >= env.maxAuthRetries()) return new Result.GiveUp();
        return CONTINUE;
    }

    private static String encode(byte[] data) {
        return data == null || data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }
}
