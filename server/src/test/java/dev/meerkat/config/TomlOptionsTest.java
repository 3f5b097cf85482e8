package dev.meerkat.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TomlOptionsTest {

    private static TomlOptions options(String toml) {
        return TomlOptions.fromToml(toml, "modules.mod_x", "meerkat.toml");
    }

    @Test
    void absentTableGivesDefaultsAndAcceptsEverything() {
        for (Options o : List.of(TomlOptions.empty("modules.mod_x"), options(""))) {
            assertThat(o.path()).isEqualTo("modules.mod_x");
            assertThat(o.string("s", "dflt")).isEqualTo("dflt");
            assertThat(o.string("s", null)).isNull();
            assertThat(o.oneOf("m", Set.of("a", "b"), "a")).isEqualTo("a");
            assertThat(o.integer("i", 7, 0, 10)).isEqualTo(7);
            assertThat(o.bool("b", true)).isTrue();
            assertThat(o.seconds("d", Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
            assertThat(o.stringList("l", List.of("x"))).containsExactly("x");
            assertThat(o.tableList("t")).isEmpty();
            assertThat(o.table("sub").path()).isEqualTo("modules.mod_x.sub");
            assertThat(o.table("sub").integer("i", 3, 0, 5)).isEqualTo(3);
            assertThat(o.has("s")).isFalse();
            o.rejectUnknown();
        }
    }

    @Test
    void readsPresentValues() {
        Options o = options("""
                s = "hello"
                m = "b"
                i = 42
                b = false
                d = 90
                l = ["p", "q"]
                sub.k = "v"
                """);
        assertThat(o.string("s", "dflt")).isEqualTo("hello");
        assertThat(o.oneOf("m", Set.of("a", "b"), "a")).isEqualTo("b");
        assertThat(o.integer("i", 0, 0, 100)).isEqualTo(42);
        assertThat(o.bool("b", true)).isFalse();
        assertThat(o.seconds("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.stringList("l", List.of())).containsExactly("p", "q");
        assertThat(o.has("sub")).isTrue();
        assertThat(o.table("sub").string("k", null)).isEqualTo("v");
        o.rejectUnknown();
    }

    @Test
    void integerRangeIsInclusiveAndErrorsNameKeyAndLine() {
        Options o = options("a = 0\nb = 100\nc = 101\n");
        assertThat(o.integer("a", 5, 0, 100)).isZero();
        assertThat(o.integer("b", 5, 0, 100)).isEqualTo(100);
        assertThatThrownBy(() -> o.integer("c", 5, 0, 100))
                .isInstanceOf(ConfigException.class)
                .hasMessage("meerkat.toml line 3: modules.mod_x.c: must be between 0 and 100, got 101");
    }

    @Test
    void integerBeyondIntRangeIsRangeError() {
        Options o = options("big = 9000000000\n");
        assertThatThrownBy(() -> o.integer("big", 0, 0, Integer.MAX_VALUE))
                .hasMessageContaining("line 1: modules.mod_x.big: must be between 0 and 2147483647, got 9000000000");
    }

    @Test
    void wrongTypesAreReportedWithTheActualValue() {
        Options o = options("""
                s = 1
                i = "12"
                b = "yes"
                d = 1.5
                l = ["a", 2]
                t = 3
                """);
        assertThatThrownBy(() -> o.string("s", null))
                .hasMessage("meerkat.toml line 1: modules.mod_x.s: expected a string, got integer 1");
        assertThatThrownBy(() -> o.integer("i", 0, 0, 100))
                .hasMessage("meerkat.toml line 2: modules.mod_x.i: expected an integer, got string \"12\"");
        assertThatThrownBy(() -> o.bool("b", false))
                .hasMessageContaining("line 3: modules.mod_x.b: expected a boolean");
        assertThatThrownBy(() -> o.seconds("d", Duration.ZERO))
                .hasMessageContaining("line 4: modules.mod_x.d: expected an integer number of seconds, got float 1.5");
        assertThatThrownBy(() -> o.stringList("l", List.of()))
                .hasMessage("meerkat.toml line 5: modules.mod_x.l[1]: expected a string, got integer 2");
        assertThatThrownBy(() -> o.table("t"))
                .hasMessage("meerkat.toml line 6: modules.mod_x.t: expected a table, got integer 3");
        assertThatThrownBy(() -> o.tableList("t"))
                .hasMessage("meerkat.toml line 6: modules.mod_x.t: expected an array of tables, got integer 3");
    }

    @Test
    void negativeSecondsAreRejected() {
        assertThatThrownBy(() -> options("d = -1").seconds("d", Duration.ZERO))
                .hasMessageContaining("line 1: modules.mod_x.d: must not be negative");
    }

    @Test
    void oneOfListsTheChoicesInTheirOrder() {
        Options o = options("\nmode = \"fast\"\n");
        Set<String> ordered = new LinkedHashSet<>(List.of("slow", "medium"));
        assertThatThrownBy(() -> o.oneOf("mode", ordered, "slow"))
                .hasMessage("meerkat.toml line 2: modules.mod_x.mode: expected one of slow, medium, got \"fast\"");
        // Unordered sets are listed sorted, so the message is the same on every run.
        assertThatThrownBy(() -> o.oneOf("mode", Set.of("slow", "medium", "a"), "slow"))
                .hasMessageContaining("expected one of a, medium, slow, got \"fast\"");
        // Case-sensitive.
        assertThatThrownBy(() -> options("mode = \"Slow\"").oneOf("mode", ordered, "slow"))
                .hasMessageContaining("got \"Slow\"");
    }

    @Test
    void rejectUnknownNamesTheUnreadKeyAndItsLine() {
        Options o = options("known = 1\ntypo = 2\n");
        o.integer("known", 0, 0, 10);
        assertThatThrownBy(o::rejectUnknown)
                .hasMessage("meerkat.toml line 2: modules.mod_x.typo: unknown key (known keys: known)");
    }

    @Test
    void rejectUnknownListsAllUnreadKeys() {
        Options o = options("a = 1\nb = 2\nc = 3\n");
        o.integer("b", 0, 0, 10);
        assertThatThrownBy(o::rejectUnknown)
                .hasMessage("meerkat.toml line 1: modules.mod_x: unknown keys a (line 1), c (line 3) (known keys: b)");
    }

    @Test
    void rejectUnknownCountsKeysAskedForButAbsentAsKnownAndHasAsRead() {
        Options o = options("flag = true\n");
        assertThat(o.has("flag")).isTrue();
        o.integer("other", 1, 0, 5);
        o.rejectUnknown();
    }

    @Test
    void rejectUnknownDescendsIntoSubTablesAndTableLists() {
        Options nested = options("""
                [sub]
                ok = 1
                bad = 2
                """);
        nested.table("sub").integer("ok", 0, 0, 5);
        assertThatThrownBy(nested::rejectUnknown)
                .hasMessageContaining("line 3: modules.mod_x.sub.bad: unknown key");

        Options list = options("""
                rules = [{address = "10.0.0.0/8", policy = "allow"},
                         {address = "::/0", polcy = "deny"}]
                """);
        for (Options rule : list.tableList("rules")) {
            rule.string("address", null);
            rule.string("policy", null);
        }
        assertThatThrownBy(list::rejectUnknown)
                .hasMessageContaining("line 2: modules.mod_x.rules[1].polcy: unknown key");
    }

    @Test
    void tableListGivesEachElementItsPathAndLine() {
        Options o = options("""
                ip_access = [{address = "127.0.0.0/8", policy = "allow"},
                             {address = "::1/128", policy = "maybe"}]
                """);
        List<Options> rules = o.tableList("ip_access");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).path()).isEqualTo("modules.mod_x.ip_access[0]");
        assertThat(rules.get(0).string("address", null)).isEqualTo("127.0.0.0/8");
        assertThat(rules.get(1).string("address", null)).isEqualTo("::1/128");
        assertThatThrownBy(() -> rules.get(1).oneOf("policy", new LinkedHashSet<>(List.of("allow", "deny")), "allow"))
                .hasMessage("meerkat.toml line 2: modules.mod_x.ip_access[1].policy: expected one of allow, deny, got \"maybe\"");
        // The same list comes back, so keys read through it count for rejectUnknown.
        assertThat(o.tableList("ip_access")).isSameAs(rules);
    }

    @Test
    void tableListAcceptsArrayOfTablesSyntax() {
        Options o = options("""
                [[rule]]
                n = 1
                [[rule]]
                n = 2
                """);
        assertThat(o.tableList("rule")).extracting(r -> r.integer("n", 0, 0, 9)).containsExactly(1, 2);
    }

    @Test
    void tableListElementThatIsNotATableIsAnError() {
        assertThatThrownBy(() -> options("r = [{a = 1}, 2]").tableList("r"))
                .hasMessageContaining("line 1: modules.mod_x.r[1]: expected a table, got integer 2");
    }

    @Test
    void keysThatAreNotBareAreQuotedInPaths() {
        Options o = options("\"a.b\" = 1\n");
        assertThatThrownBy(o::rejectUnknown).hasMessageContaining("modules.mod_x.\"a.b\": unknown key");
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        assertThatThrownBy(() -> options("a = 1\nb = [1,\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("meerkat.toml line 3, column 1: ");
    }
}
