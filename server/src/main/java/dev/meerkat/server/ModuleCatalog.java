package dev.meerkat.server;

import dev.meerkat.mod.adhoc.AdhocModule;
import dev.meerkat.mod.blocking.BlockingModule;
import dev.meerkat.mod.carboncopy.CarbonsModule;
import dev.meerkat.mod.csi.CsiModule;
import dev.meerkat.mod.last.LastModule;
import dev.meerkat.mod.mam.MamModule;
import dev.meerkat.mod.offline.OfflineModule;
import dev.meerkat.mod.privacy.PrivacyModule;
import dev.meerkat.mod.privatestorage.PrivateModule;
import dev.meerkat.mod.pubsub.PubSubModule;
import dev.meerkat.mod.vcard.VCardModule;
import dev.meerkat.mod.disco.DiscoModule;
import dev.meerkat.mod.muc.MucModule;
import dev.meerkat.mod.ping.PingModule;
import dev.meerkat.mod.presence.PresenceModule;
import dev.meerkat.mod.register.RegisterModule;
import dev.meerkat.mod.roster.RosterModule;
import dev.meerkat.mod.streammgmt.StreamManagementModule;
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
                new StreamManagementModule.Factory(),
                new CsiModule.Factory(),
                new PrivacyModule.Factory(),
                new BlockingModule.Factory(),
                new MamModule.Factory(),
                new AdhocModule.Factory(),
                new MucModule.Factory(),
                new PubSubModule.Factory());
    }
}
