package dev.meerkat.mod.time;

import dev.meerkat.config.Options;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** XEP-0202 Entity Time: the server's UTC time and its zone offset. */
public final class TimeModule implements XmppModule {
    public static final String NAMESPACE = "urn:xmpp:time";

    private final Clock clock;

    public TimeModule(Clock clock) {
        this.clock = clock;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_time"; }

        @Override public XmppModule create(String host, Options options, ServerServices services) { return new TimeModule(services.clock()); }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.serverFeature(NAMESPACE);
        ctx.iq(IqTarget.SERVER, "time", NAMESPACE, this::answer);
    }

    Iq answer(IqRequest request) {
        if (!request.isGet()) return request.error(StanzaError.NOT_ALLOWED);
        ZonedDateTime now = ZonedDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        ZoneOffset offset = now.getOffset();
        String tzo = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
        String utc = DateTimeFormatter.ISO_INSTANT.format(now.toInstant());
        return request.result(Element.builder("time", NAMESPACE).textChild("tzo", tzo).textChild("utc", utc).build());
    }
}
