package dev.meerkat.mod.streammgmt;

import dev.meerkat.c2s.LocalResumptionRegistry;
import dev.meerkat.c2s.ResumptionRegistry;
import dev.meerkat.c2s.StreamManagement;
import dev.meerkat.config.ConfigException;
import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.xml.Element;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * XEP-0198 Stream Management ({@code urn:xmpp:sm:3}): acks and session resumption. The protocol
 * itself lives in the client session ({@link dev.meerkat.c2s.ClientSession}), which must count
 * every stanza; this module switches it on for its host, offers the stream feature and owns the
 * registry of resumable sessions.
 *
 * <p>Options (MongooseIM's names and defaults): {@code resume_timeout} (seconds, default 600),
 * {@code buffer_max} (default 100), {@code ack_freq} (default 1).
 */
public final class StreamManagementModule implements XmppModule {
    private final StreamManagement config;

    public StreamManagementModule(StreamManagement config) {
        this.config = config;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_stream_management"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new StreamManagementModule(settings(options, new LocalResumptionRegistry(), new SecureRandom()));
        }
    }

    /** Reads the module's options. */
    public static StreamManagement settings(Options options, ResumptionRegistry registry, SecureRandom random) {
        Duration timeout = options.seconds("resume_timeout", Duration.ofSeconds(600));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException(options.path() + ".resume_timeout must be positive");
        }
        return new StreamManagement(timeout,
                options.integer("buffer_max", 100, 1, 1_000_000),
                options.integer("ack_freq", 1, 1, 1_000_000),
                registry, random);
    }

    public StreamManagement config() { return config; }

    @Override
    public void start(ModuleContext ctx) {
        ctx.provide(StreamManagement.class, config);
        Element feature = Element.of("sm", StreamManagement.NS);
        ctx.hook(CoreHooks.STREAM_FEATURES, Priority.DEFAULT, e -> {
            e.features().accept(feature);
            return HookResult.proceed();
        });
    }
}
