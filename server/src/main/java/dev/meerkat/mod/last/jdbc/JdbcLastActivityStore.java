package dev.meerkat.mod.last.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.last.LastActivityStore;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link LastActivityStore} on the {@code last_activity} table (V13__last.sql). The time is kept as
 * Unix seconds (BIGINT), as in MongooseIM, which avoids time-zone handling of TIMESTAMP columns.
 */
public final class JdbcLastActivityStore implements LastActivityStore {
    private static final String USER = " WHERE server = ? AND username = ?";

    private final Jdbc jdbc;
    private final String upsertSql;

    public JdbcLastActivityStore(Database database) {
        this.jdbc = database.jdbc();
        this.upsertSql = database.dialect().upsert("last_activity",
                List.of("server", "username", "seconds", "status"), List.of("server", "username"));
    }

    @Override
    public Optional<LastActivity> get(Jid user) {
        return jdbc.queryOne("last.get", "SELECT seconds, status FROM last_activity" + USER,
                Jdbc.Binder.of(user.domain(), user.local()),
                row -> new LastActivity(Instant.ofEpochSecond(row.getLong(1)), row.getString(2)));
    }

    @Override
    public void set(Jid user, LastActivity activity) {
        String status = activity.status();
        if (status.length() > MAX_STATUS_LENGTH) {
            int end = Character.isLowSurrogate(status.charAt(MAX_STATUS_LENGTH)) ? MAX_STATUS_LENGTH - 1 : MAX_STATUS_LENGTH;
            status = status.substring(0, end);  // never half a surrogate pair
        }
        jdbc.update("last.set", upsertSql, Jdbc.Binder.of(user.domain(), user.local(), activity.at().getEpochSecond(), status));
    }

    @Override
    public void remove(Jid user) {
        jdbc.update("last.remove", "DELETE FROM last_activity" + USER, Jdbc.Binder.of(user.domain(), user.local()));
    }
}
