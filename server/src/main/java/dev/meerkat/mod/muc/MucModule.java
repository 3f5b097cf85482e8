package dev.meerkat.mod.muc;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.mod.mam.RoomArchive;
import dev.meerkat.mod.muc.store.RoomStore;
import dev.meerkat.mod.muc.store.jdbc.JdbcRoomStore;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;

/**
 * XEP-0045 Multi-User Chat: a group chat service at {@code muc.<host>} (option {@code host}), listed
 * as an item of the host. The rooms and their features live in {@link MucService} and
 * {@link dev.meerkat.mod.muc.room.Room}; this class only plugs the service into the server.
 */
public final class MucModule implements XmppModule {
    private final MucOptions options;
    private final ServerServices services;
    private final RoomStore store;
    private MucService service;

    public MucModule(MucOptions options, ServerServices services, RoomStore store) {
        this.options = options;
        this.services = services;
        this.store = store;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_muc"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new MucModule(MucOptions.read(host, options), services, new JdbcRoomStore(services.database()));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        // mod_mam offers room archives on the same host, if it runs; looked up lazily (start order is free)
        service = new MucService(options, services.router(), services.blocking(), services.clock(), services::isAdmin, store,
                () -> ctx.hostContext().service(RoomArchive.class));
        service.load();
        ctx.provide(MucService.class, service);
        ctx.onStop(services.router().registerService(options.domain(), service::accept));
        ctx.serverItem(options.domain(), "Chatrooms");
        ctx.hook(CoreHooks.SESSION_CLOSED, Priority.DEFAULT, e -> {
            service.sessionClosed(e.session().jid());
            return HookResult.proceed();
        });
    }

    @Override
    public void stop() {
        if (service != null) service.shutdown();
    }

    /** The running service (tests look at its rooms). */
    public MucService service() { return service; }
}
