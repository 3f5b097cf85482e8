package dev.meerkat.mod.vcard.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.vcard.VCardStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;

import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** {@link VCardStore} on the {@code vcards} table (V11__vcard.sql). */
public final class JdbcVCardStore implements VCardStore {
    private static final String USER = " WHERE server = ? AND username = ?";

    private final Jdbc jdbc;
    private final String upsertSql;

    public JdbcVCardStore(Database database) {
        this.jdbc = database.jdbc();
        this.upsertSql = database.dialect().upsert("vcards",
                List.of("server", "username", "vcard", "photo_hash"), List.of("server", "username"));
    }

    @Override
    public Optional<StoredVCard> get(Jid user) {
        return jdbc.queryOne("vcard.get", "SELECT vcard, photo_hash FROM vcards" + USER,
                Jdbc.Binder.of(user.domain(), user.local()), row -> new StoredVCard(row.getString(1), row.getString(2)));
    }

    @Override
    public void set(Jid user, StoredVCard vcard) {
        jdbc.update("vcard.set", upsertSql, ps -> {
            ps.setString(1, user.domain());
            ps.setString(2, user.local());
            ps.setString(3, vcard.xml());
            if (vcard.photoHash() == null) ps.setNull(4, Types.VARCHAR); else ps.setString(4, vcard.photoHash());
        });
    }

    @Override
    public void remove(Jid user) {
        jdbc.update("vcard.remove", "DELETE FROM vcards" + USER, Jdbc.Binder.of(user.domain(), user.local()));
    }
}
