package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.module.IqRequest;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CommandXmlTest {
    private static final Jid HOST = Jid.parse("localhost");
    private static final Jid ADMIN = Jid.parse("admin@localhost/console");

    private static IqRequest request(String action) {
        Element cmd = Element.builder("command", CommandXml.NS).attr("node", "n").attr("action", action).build();
        return new IqRequest(Iq.request(Iq.Type.SET, "1", ADMIN, HOST, cmd), HOST, null);
    }

    @Test
    void errorsCarryTheStanzaConditionAndTheCommandCondition() {
        Iq reply = CommandXml.error(request("jump"), StanzaError.BAD_REQUEST, CommandXml.MALFORMED_ACTION, "unknown action");
        Element error = reply.element().child("error", Ns.CLIENT).orElseThrow();
        assertThat(error.attr("type")).isEqualTo("modify");
        assertThat(error.child("bad-request", Ns.STANZA_ERRORS)).isPresent();
        assertThat(error.child("malformed-action", CommandXml.NS)).isPresent();
        assertThat(reply.to()).isEqualTo(ADMIN);
        assertThat(reply.from()).isEqualTo(HOST);
    }

    @Test
    void aLaterStageOffersPrevAndNamesTheDefaultAction() {
        CommandResponse.Stage stage = new CommandResponse.Stage(DataForm.form("t", null, List.of()),
                Set.of(Action.NEXT, Action.COMPLETE), Action.NEXT, List.of(Note.warn("careful")));
        Element cmd = CommandXml.executing("n", "s1", stage, true);
        assertThat(cmd.attr("status")).isEqualTo("executing");
        assertThat(cmd.attr("sessionid")).isEqualTo("s1");
        Element actions = cmd.child("actions", CommandXml.NS).orElseThrow();
        assertThat(actions.attr("execute")).isEqualTo("next");
        assertThat(actions.elements()).extracting(Element::name).containsExactly("prev", "next", "complete");
        assertThat(cmd.child("note", CommandXml.NS).orElseThrow().attr("type")).isEqualTo("warn");
        assertThat(cmd.child("x", Ns.DATA_FORMS).orElseThrow().attr("type")).isEqualTo("form");
    }

    @Test
    void submittedFormsAreReadBack() {
        DataForm form = DataForm.form("t", "i", List.of(DataForm.Field.of("text-multi", "announcement", "A", true)
                .withValues(List.of("line one", "line two"))));
        DataForm parsed = DataForm.parse(form.toElement());
        assertThat(parsed.text("announcement")).contains("line one\nline two");
        assertThat(parsed.field("announcement").orElseThrow().required()).isTrue();
        assertThat(parsed.value("missing")).isEmpty();
    }
}
