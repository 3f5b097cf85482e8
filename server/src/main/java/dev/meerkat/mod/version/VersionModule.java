package dev.meerkat.mod.version;

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

/** XEP-0092 Software Version of the server. The OS is named only with {@code os_info = true}. */
public final class VersionModule implements XmppModule {
    public static final String NAMESPACE = "jabber:iq:version";

    private final String version;
    private final boolean osInfo;

    public VersionModule(String version, boolean osInfo) {
        this.version = version;
        this.osInfo = osInfo;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_version"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new VersionModule(services.version(), options.bool("os_info", false));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.serverFeature(NAMESPACE);
        ctx.iq(IqTarget.SERVER, "query", NAMESPACE, this::answer);
    }

    Iq answer(IqRequest request) {
        if (!request.isGet()) return request.error(StanzaError.NOT_ALLOWED);
        Element.Builder q = Element.builder("query", NAMESPACE).textChild("name", "Meerkat").textChild("version", version);
        if (osInfo) q.textChild("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " / Java " + Runtime.version().feature());
        return request.result(q.build());
    }
}
