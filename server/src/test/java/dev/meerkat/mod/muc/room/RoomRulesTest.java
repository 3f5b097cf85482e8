package dev.meerkat.mod.muc.room;

import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration forms, stored configuration and history selection: the pure parts of a room. */
class RoomRulesTest {
    private static final RoomConfig DEFAULTS = RoomConfig.defaults(0, 20);

    @Test
    void configSurvivesEncodingIncludingAwkwardText() {
        RoomConfig c = new RoomConfig("Tea\nroom", "a=b \\ c", true, false, true, true, "pw", 30, Whois.ANYONE, 7,
                true, true, AllowPm.MODERATORS, true);
        assertThat(RoomConfig.decode(c.encode(), DEFAULTS)).isEqualTo(c);
        assertThat(RoomConfig.decode("junk\nmax_users=x\n", DEFAULTS)).isEqualTo(DEFAULTS);
    }

    @Test
    void submittedFormChangesOnlyTheFieldsItCarries() {
        RoomConfig c = ConfigForm.apply(DEFAULTS, Map.of(
                "muc#roomconfig_membersonly", List.of("1"),
                "muc#roomconfig_roomname", List.of("Tea"),
                "muc#roomconfig_maxusers", List.of("10")), 100, 50);
        assertThat(c.membersOnly()).isTrue();
        assertThat(c.name()).isEqualTo("Tea");
        assertThat(c.maxUsers()).isEqualTo(10);
        assertThat(c.moderated()).isEqualTo(DEFAULTS.moderated());
        assertThat(c.historyLength()).isEqualTo(20);
    }

    @Test
    void passwordProtectionNeedsASecretAndLimitsAreEnforced() {
        assertThatThrownBy(() -> ConfigForm.apply(DEFAULTS, Map.of("muc#roomconfig_passwordprotectedroom", List.of("true")), 100, 50))
                .isInstanceOf(StanzaException.class);
        assertThat(ConfigForm.apply(DEFAULTS, Map.of("muc#roomconfig_passwordprotectedroom", List.of("true"),
                "muc#roomconfig_roomsecret", List.of("x")), 100, 50).password()).isEqualTo("x");
        assertThat(ConfigForm.apply(DEFAULTS.withPassword("old"), Map.of("muc#roomconfig_passwordprotectedroom", List.of("0")),
                100, 50).passwordProtected()).isFalse();
        assertThatThrownBy(() -> ConfigForm.apply(DEFAULTS, Map.of("muc#roomconfig_maxusers", List.of("101")), 100, 50))
                .isInstanceOf(StanzaException.class);
        assertThatThrownBy(() -> ConfigForm.apply(DEFAULTS, Map.of("muc#roomconfig_historylength", List.of("51")), 100, 50))
                .isInstanceOf(StanzaException.class);
        assertThatThrownBy(() -> ConfigForm.apply(DEFAULTS, Map.of("muc#roomconfig_whois", List.of("none")), 100, 50))
                .isInstanceOf(StanzaException.class);
        assertThatThrownBy(() -> ConfigForm.apply(DEFAULTS, Map.of("muc#roomconfig_publicroom", List.of("yes")), 100, 50))
                .isInstanceOf(StanzaException.class);
    }

    @Test
    void formRoundTripsThroughItsOwnValues() {
        RoomConfig c = new RoomConfig("n", "d", true, false, true, false, "pw", 20, Whois.ANYONE, 3, true, false, AllowPm.NONE, true);
        Element form = ConfigForm.form(c, 100, true);
        assertThat(ConfigForm.apply(DEFAULTS, DataForm.values(form), 100, 50)).isEqualTo(c);
    }

    @Test
    void archivingSwitchIsInTheFormOnlyWhenOfferedAndReadUnderEitherName() {
        assertThat(DataForm.values(ConfigForm.form(DEFAULTS, 100, false))).doesNotContainKey(ConfigForm.ARCHIVING);
        assertThat(DataForm.values(ConfigForm.form(DEFAULTS, 100, true))).containsEntry(ConfigForm.ARCHIVING, List.of("0"));
        assertThat(ConfigForm.apply(DEFAULTS, Map.of(ConfigForm.ARCHIVING, List.of("1")), 100, 50).archiving()).isTrue();
        assertThat(ConfigForm.apply(DEFAULTS, Map.of("mam", List.of("true")), 100, 50).archiving()).isTrue();
        RoomConfig on = RoomConfig.defaults(0, 20, true);
        assertThat(ConfigForm.apply(on, Map.of(ConfigForm.ARCHIVING, List.of("0")), 100, 50).archiving()).isFalse();
        // XEP-0045's logging field is the same switch; the one the client changed decides
        assertThat(DataForm.values(ConfigForm.form(on, 100, true))).containsEntry(ConfigForm.LOGGING, List.of("1"));
        assertThat(ConfigForm.apply(DEFAULTS, Map.of(ConfigForm.ARCHIVING, List.of("0"), ConfigForm.LOGGING, List.of("1")), 100, 50)
                .archiving()).isTrue();
        assertThat(ConfigForm.apply(on, Map.of(ConfigForm.ARCHIVING, List.of("0"), ConfigForm.LOGGING, List.of("1")), 100, 50)
                .archiving()).isFalse();
        // a room stored before the option existed takes the service's default
        assertThat(RoomConfig.decode("name=x\n", on).archiving()).isTrue();
        assertThat(RoomConfig.decode(DEFAULTS.encode(), on).archiving()).isFalse();
    }

    private static History.Entry entry(int second, String body) {
        Element m = Element.builder("message", Ns.CLIENT).textChild("body", body).build();
        return new History.Entry(Instant.ofEpochSecond(second), m);
    }

    @Test
    void historySelectionHonoursEveryLimit() {
        List<History.Entry> all = List.of(entry(100, "a"), entry(200, "b"), entry(300, "c"), entry(400, "d"));
        Instant now = Instant.ofEpochSecond(400);
        assertThat(History.select(all, History.Request.ALL, now)).hasSize(4);
        assertThat(History.select(all, new History.Request(null, 2, null, null), now)).containsExactly(all.get(2), all.get(3));
        assertThat(History.select(all, new History.Request(null, null, 150, null), now)).containsExactly(all.get(2), all.get(3));
        assertThat(History.select(all, new History.Request(null, null, null, Instant.ofEpochSecond(200)), now))
                .containsExactly(all.get(2), all.get(3));
        assertThat(History.select(all, new History.Request(0, null, null, null), now)).isEmpty();
        int one = all.get(3).message().toXml().length();
        assertThat(History.select(all, new History.Request(one, null, null, null), now)).containsExactly(all.get(3));
    }

    @Test
    void historyKeepsTheNewestWithinTheRoomLimit() {
        History h = new History();
        for (int i = 0; i < 5; i++) h.add(entry(i, "m" + i), 3);
        assertThat(h.all()).extracting(e -> e.message().childText("body", Ns.CLIENT).orElseThrow()).containsExactly("m2", "m3", "m4");
        h.trim(1);
        assertThat(h.all()).hasSize(1);
    }

    @Test
    void historyRequestParsesAttributesAndIgnoresGarbage() {
        Element e = Element.builder("history", "http://jabber.org/protocol/muc").attr("maxstanzas", "3")
                .attr("seconds", "x").attr("since", "1970-01-01T00:01:40Z").build();
        History.Request r = History.Request.parse(e);
        assertThat(r.maxStanzas()).isEqualTo(3);
        assertThat(r.seconds()).isNull();
        assertThat(r.since()).isEqualTo(Instant.ofEpochSecond(100));
    }
}
