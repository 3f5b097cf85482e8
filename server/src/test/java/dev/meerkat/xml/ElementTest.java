package dev.meerkat.xml;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElementTest {
    private final Element message = Element.builder("message", Ns.CLIENT)
            .attr("to", "juliet@example.com")
            .attr("type", "chat")
            .attr("ignored", null)
            .textChild("body", "hi")
            .child("x", "urn:example:x", x -> x.attr("n", "1").text("a").text("b"))
            .child("thread", t -> t.text("t1"))
            .build();

    @Test
    void builderKeepsAttributeOrderAndSkipsNulls() {
        assertThat(message.name()).isEqualTo("message");
        assertThat(message.namespace()).isEqualTo(Ns.CLIENT);
        assertThat(message.attributes()).containsExactly(Map.entry("to", "juliet@example.com"), Map.entry("type", "chat"));
        assertThat(message.is("message", Ns.CLIENT)).isTrue();
        assertThat(message.is("message", Ns.SERVER)).isFalse();
        assertThat(Element.of("presence", null).namespace()).isEmpty();
    }

    @Test
    void withAttrReturnsCopiesAndLeavesTheOriginalAlone() {
        Element changed = message.withAttr("type", "normal");
        assertThat(changed.attr("type")).isEqualTo("normal");
        assertThat(message.attr("type")).isEqualTo("chat");
        assertThat(message.withAttr("type", "chat")).isSameAs(message);
        assertThat(message.withoutAttr("to").optAttr("to")).isEmpty();
        assertThat(message.withAttr("id", "m1").attributes().keySet()).containsExactly("to", "type", "id");
        assertThat(changed.children()).isEqualTo(message.children());
    }

    @Test
    void childLookup() {
        assertThat(message.childText("body", Ns.CLIENT)).contains("hi");
        assertThat(message.child("body", "urn:other")).isEmpty();
        Element x = message.childInNamespace("urn:example:x").orElseThrow();
        assertThat(x.attr("n")).isEqualTo("1");
        assertThat(x.text()).isEqualTo("ab");
        assertThat(message.child("thread", Ns.CLIENT).map(Element::text)).contains("t1");
        assertThat(message.firstElement().map(Element::name)).contains("body");
        assertThat(message.elements()).extracting(Element::name).containsExactly("body", "x", "thread");
        assertThat(message.children("body", Ns.CLIENT)).hasSize(1);
        assertThat(message.text()).isEmpty();
        Element more = message.withChild(Element.builder("body", Ns.CLIENT).text("second").build());
        assertThat(more.children("body", Ns.CLIENT)).extracting(Element::text).containsExactly("hi", "second");
        assertThat(message.children("body", Ns.CLIENT)).hasSize(1);
    }

    @Test
    void toXmlEscapesAndOmitsInheritedNamespaces() {
        Element e = Element.builder("message", Ns.CLIENT)
                .attr("id", "a\"b'<c>&\n")
                .textChild("body", "1 < 2 & 3 > 2")
                .child(Element.of("x", "urn:x"))
                .build();
        assertThat(e.toXml()).isEqualTo("<message xmlns=\"jabber:client\" id=\"a&quot;b&apos;&lt;c&gt;&amp;&#10;\">"
                + "<body>1 &lt; 2 &amp; 3 &gt; 2</body><x xmlns=\"urn:x\"/></message>");
    }

    @Test
    void equalityIsStructural() {
        Element same = Element.builder("message", Ns.CLIENT)
                .attr("to", "juliet@example.com").attr("type", "chat")
                .children(List.of(
                        Element.builder("body", Ns.CLIENT).text("hi").build(),
                        Element.builder("x", "urn:example:x").attr("n", "1").text("a").text("b").build(),
                        Element.builder("thread", Ns.CLIENT).text("t1").build()))
                .build();
        assertThat(same).isEqualTo(message).hasSameHashCodeAs(message);
        assertThat(message.toBuilder().attr("id", "z").build()).isNotEqualTo(message);
    }
}
