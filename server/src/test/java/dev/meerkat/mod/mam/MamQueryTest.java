package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.StoredXml;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MamQueryTest {
    private static final String ID1 = ArchiveIds.format(1_000L << 20);
    private static final String ID2 = ArchiveIds.format(2_000L << 20);

    private static Element query(String inner) {
        return StoredXml.parse("<query xmlns='urn:xmpp:mam:2' queryid='q1'>" + inner + "</query>");
    }

    private static String form(String fields) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>"
                + fields + "</x>";
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    @Test
    void anEmptyQueryPagesForwardWithTheDefaultSize() throws Exception {
        MamQuery q = MamQuery.parse(query(""), 50, 250);
        assertThat(q.queryId()).isEqualTo("q1");
        assertThat(q.max()).isEqualTo(50);
        assertThat(q.fromEnd()).isFalse();
        assertThat(q.flip()).isFalse();
        assertThat(q.whole()).isEqualTo(ArchiveStore.Filter.all());
        assertThat(q.pageFilter()).isEqualTo(ArchiveStore.Filter.all());
        assertThat(q.mustExist()).isEmpty();
    }

    @Test
    void formFieldsBecomeTheFilter() throws Exception {
        MamQuery q = MamQuery.parse(query(form(field("with", "juliet@capulet.lit")
                + field("start", "2010-06-07T00:00:00Z") + field("end", "2010-07-07T13:23:54+02:00")
                + field("{urn:xmpp:fulltext:0}fulltext", "Hello") + field("after-id", ID1) + field("before-id", ID2))), 50, 250);
        ArchiveStore.Filter f = q.whole();
        assertThat(f.with()).isEqualTo(Jid.parse("juliet@capulet.lit"));
        assertThat(f.fulltext()).isEqualTo("Hello");
        long start = ArchiveIds.lowestAt(Instant.parse("2010-06-07T00:00:00Z"));
        assertThat(f.minId()).isEqualTo(Math.max(start, (1_000L << 20) + 1));
        assertThat(f.maxId()).isEqualTo(Math.min(ArchiveIds.highestAt(Instant.parse("2010-07-07T11:23:54Z")), (2_000L << 20) - 1));
        assertThat(q.mustExist()).containsExactly(1_000L << 20, 2_000L << 20);
    }

    @Test
    void rsmAfterBeforeAndMaxArePagingNotTheWholeSet() throws Exception {
        MamQuery q = MamQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>" + ID1
                + "</after></set>"), 50, 250);
        assertThat(q.max()).isEqualTo(10);
        assertThat(q.whole()).isEqualTo(ArchiveStore.Filter.all());
        assertThat(q.pageFilter().minId()).isEqualTo((1_000L << 20) + 1);
        assertThat(q.fromEnd()).isFalse();

        MamQuery last = MamQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><max>5</max><before/></set><flip-page/>"), 50, 250);
        assertThat(last.fromEnd()).isTrue();
        assertThat(last.rsmBefore()).isNull();
        assertThat(last.flip()).isTrue();

        MamQuery before = MamQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><before>" + ID2 + "</before></set>"), 50, 250);
        assertThat(before.fromEnd()).isTrue();
        assertThat(before.pageFilter().maxId()).isEqualTo((2_000L << 20) - 1);
        assertThat(before.mustExist()).containsExactly(2_000L << 20);
    }

    @Test
    void maxAboveTheLimitIsClamped() throws Exception {
        assertThat(MamQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><max>100000</max></set>"), 50, 250).max()).isEqualTo(250);
    }

    @Test
    void badFormsAreBadQueries() {
        assertThatThrownBy(() -> MamQuery.parse(query(form(field("colour", "red"))), 50, 250)).isInstanceOf(MamQuery.BadQuery.class);
        assertThatThrownBy(() -> MamQuery.parse(query(form(field("start", "yesterday"))), 50, 250)).isInstanceOf(MamQuery.BadQuery.class);
        assertThatThrownBy(() -> MamQuery.parse(query(form(field("with", "@@")))
                , 50, 250)).isInstanceOf(MamQuery.BadQuery.class);
        assertThatThrownBy(() -> MamQuery.parse(query("<x xmlns='jabber:x:data' type='submit'>" + field("FORM_TYPE", "urn:xmpp:mam:1") + "</x>"), 50, 250))
                .isInstanceOf(MamQuery.BadQuery.class);
        assertThatThrownBy(() -> MamQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><max>ten</max></set>"), 50, 250))
                .isInstanceOf(MamQuery.BadQuery.class);
    }

    @Test
    void idsThatCannotBeOursAreUnknown() {
        assertThatThrownBy(() -> MamQuery.parse(query("<set xmlns='http://jabber.org/protocol/rsm'><after>nope</after></set>"), 50, 250))
                .isInstanceOf(MamQuery.UnknownId.class);
        assertThatThrownBy(() -> MamQuery.parse(query(form(field("before-id", "x"))), 50, 250)).isInstanceOf(MamQuery.UnknownId.class);
    }
}
