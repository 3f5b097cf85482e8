package dev.meerkat.mod.privatestorage.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.privatestorage.PrivateStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.StoredXml;

import java.util.List;
import java.util.Optional;

/** {@link PrivateStore} on the {@code private_storage} table (V12__private.sql), elements kept as XML text. */
public final class JdbcPrivateStore implements PrivateStore {
    private static final String USER = " WHERE server = ? AND username = ?";

    private final Jdbc jdbc;
    private final String upsertSql;

    public JdbcPrivateStore(Database database) {
        this.jdbc = database.jdbc();
        this.upsertSql = database.dialect().upsert("private_storage",
                List.of("server", "username", "namespace", "data"), List.of("server", "username", "namespace"));
    }

    @Override
    public Optional<Element> get(Jid user, String namespace) {
        return jdbc.queryOne("private.get", "SELECT data FROM private_storage" + USER + " AND namespace = ?",
                Jdbc.Binder.of(user.domain(), user.local(), namespace), row -> StoredXml.parse(row.getString(1)));
    }

    @Override
    public void set(Jid user, List<Element> elements) {
        for (Element e : elements) {
            if (e.namespace().length() > MAX_NAMESPACE_LENGTH) {
                throw new IllegalArgumentException("namespace longer than " + MAX_NAMESPACE_LENGTH + " characters");
            }
        }
        jdbc.inTransaction("private.set", tx -> {
            for (Element e : elements) {
                tx.update("private.set", upsertSql, Jdbc.Binder.of(user.domain(), user.local(), e.namespace(), e.toXml()));
            }
            return null;
        });
    }

    @Override
    public void removeAll(Jid user) {
        jdbc.update("private.remove_all", "DELETE FROM private_storage" + USER, Jdbc.Binder.of(user.domain(), user.local()));
    }
}
