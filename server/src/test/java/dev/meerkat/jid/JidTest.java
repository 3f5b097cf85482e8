package dev.meerkat.jid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 7622 §3.5 examples and the normalisation the router relies on. */
class JidTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "juliet@example.com", "juliet@example.com/foo", "juliet@example.com/foo bar",
            "juliet@example.com/foo@bar", "foo\\20bar@example.com", "fussball@example.com",
            "fußball@example.com", "π@example.com", "Σ@example.com/foo", "σ@example.com/foo",
            "ς@example.com/foo", "king@example.com/♚", "example.com", "example.com/foobar",
            "a.example.com/b@example.net"})
    void rfc7622ValidExamplesParse(String s) {
        assertThat(Jid.parse(s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"juliet\"@example.com", "foo bar@example.com", "juliet@example.com/ foo",
            "@example.com/", "henryⅣ@example.com", "♚@example.com", "juliet@", "/foobar", ""})
    void rfc7622InvalidExamplesAreRefused(String s) {
        assertThatThrownBy(() -> Jid.parse(s)).isInstanceOf(JidFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({"Juliet@Example.COM/Balcony, juliet@example.com/Balcony", "ΣΑΣ@example.com, σας@example.com",
            "example.com., example.com"})
    void normalisesLocalAndDomainButNotResourceCase(String in, String expected) {
        assertThat(Jid.parse(in).toString()).isEqualTo(expected);
    }

    @Test
    void partsAndBare() {
        Jid j = Jid.parse("romeo@montague.lit/orchard");
        assertThat(j.local()).isEqualTo("romeo");
        assertThat(j.domain()).isEqualTo("montague.lit");
        assertThat(j.resource()).isEqualTo("orchard");
        assertThat(j.bare()).isEqualTo(Jid.parse("romeo@montague.lit"));
        assertThat(j.domainJid()).isEqualTo(Jid.parse("montague.lit"));
        assertThat(j.withResource("garden").toString()).isEqualTo("romeo@montague.lit/garden");
        assertThat(j.sameBare(Jid.parse("ROMEO@montague.lit/x"))).isTrue();
        assertThat(Jid.parseOrNull("@@")).isNull();
    }
}
