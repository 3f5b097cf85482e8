package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.History;
import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** §7.2.15: keeps the last messages with a body and replays them, delay-stamped, to newcomers. */
public final class HistoryReplay implements RoomFeature {
    @Override
    public void reflected(Room room, Element message) {
        if (message.child("body", message.namespace()).isEmpty()) return;
        room.history().add(new History.Entry(room.now(), message), room.config().historyLength());
    }

    @Override
    public void joined(Room room, Occupant occupant, JoinRequest join) {
        for (History.Entry e : History.select(room.history().all(), join.history(), room.now())) {
            Element delay = Element.builder("delay", MucNs.DELAY).attr("from", room.jid().toString())
                    .attr("stamp", DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.MILLIS))).build();
            room.send(Stanza.of(e.message().withAttr("to", occupant.realJid().toString()).withChild(delay)));
        }
    }
}
