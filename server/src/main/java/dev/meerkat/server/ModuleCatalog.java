package dev.meerkat.server;

import dev.meerkat.mod.carboncopy.CarbonsModule;
import dev.meerkat.mod.last.LastModule;
import dev.meerkat.mod.offline.OfflineModule;
import dev.meerkat.mod.privatestorage.PrivateModule;
import dev.meerkat.mod.pubsub.PubSubModule;
import dev.meerkat.mod.vcard.VCardModule;
import dev.meerkat.mod.disco.DiscoModule;
import dev.meerkat.mod.ping.PingModule;
import dev.meerkat.mod.presence.PresenceModule;
import dev.meerkat.mod.register.RegisterModule;
import dev.meerkat.mod.roster.RosterModule;
import dev.meerkat.mod.time.TimeModule;
import dev.meerkat.mod.version.VersionModule;
import dev.meerkat.module.ModuleFactory;

import java.util.List;

/** Every module the server knows, by config name. */
final class ModuleCatalog {
    private ModuleCatalog() {}

    static List<ModuleFactory> all() {
        return List.of(
                new DiscoModule.Factory(),
                new PingModule.Factory(),
                new VersionModule.Factory(),
                new TimeModule.Factory(),
                new RegisterModule.Factory(),
                new RosterModule.Factory(),
                new PresenceModule.Factory(),
                new OfflineModule.Factory(),
                new CarbonsModule.Factory(),
                new LastModule.Factory(),
                new VCardModule.Factory(),
                new PrivateModule.Factory(),
                new PubSubModule.Factory());
    }
}
