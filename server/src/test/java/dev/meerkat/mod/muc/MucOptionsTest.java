package dev.meerkat.mod.muc;

import dev.meerkat.config.ConfigException;
import dev.meerkat.config.TomlOptions;
import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MucOptionsTest {
    private static MucOptions read(String toml) {
        TomlOptions o = TomlOptions.fromToml(toml, "modules.mod_muc", "test.toml");
        MucOptions m = MucOptions.read("example.org", o);
        o.rejectUnknown();
        return m;
    }

    @Test
    void defaultsPutTheServiceUnderTheHost() {
        MucOptions m = read("");
        assertThat(m.domain()).isEqualTo("muc.example.org");
        assertThat(m.accessCreate()).containsExactly("all");
        assertThat(m.maxUsers()).isEqualTo(200);
        assertThat(m.historySize()).isEqualTo(20);
        assertThat(read("host = \"chat.@HOST@\"").domain()).isEqualTo("chat.example.org");
        assertThat(m.archiveByDefault()).isTrue();
        assertThat(read("archive_by_default = false").archiveByDefault()).isFalse();
    }

    @Test
    void accessCreateIsAllAdminOrAList() {
        Jid alice = Jid.parse("alice@example.org/r");
        Jid eve = Jid.parse("eve@evil.org/r");
        assertThat(read("access_create = \"admin\"").mayCreate(alice, j -> false)).isFalse();
        assertThat(read("access_create = \"admin\"").mayCreate(alice, j -> true)).isTrue();
        MucOptions listed = read("access_create = [\"alice@example.org\", \"friends.org\"]");
        assertThat(listed.accessCreate()).isEqualTo(List.of("alice@example.org", "friends.org"));
        assertThat(listed.mayCreate(alice, j -> false)).isTrue();
        assertThat(listed.mayCreate(Jid.parse("bob@friends.org/x"), j -> false)).isTrue();
        assertThat(listed.mayCreate(eve, j -> false)).isFalse();
    }

    @Test
    void badValuesStopStartUp() {
        assertThatThrownBy(() -> read("access_create = \"some\"")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read("history_size = 500")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read("host = \"not a domain@x\"")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read("max_user = 3")).isInstanceOf(ConfigException.class);
    }
}
