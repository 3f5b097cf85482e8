package dev.meerkat.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A thin layer over JDBC so stores write one line per statement instead of nested
 * try-with-resources. Every statement carries a name (e.g. {@code users.create}) that ends up in
 * the {@link StorageException} when it fails.
 *
 * <p>Every method blocks on the network or disk: call them from a blocking worker pool, never on a
 * Netty event loop.
 */
public final class Jdbc {
    /** Sets the parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        Binder NONE = ps -> { };

        void bind(PreparedStatement ps) throws SQLException;

        /** Binds the values in order with {@code setObject}; fine for strings and numbers. */
        static Binder of(Object... values) {
            Object[] copy = values.clone();
            return ps -> {
                for (int i = 0; i < copy.length; i++) {
                    ps.setObject(i + 1, copy[i]);
                }
            };
        }
    }

    /** Turns the current row into a value; must not move the cursor. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Statements run in one transaction through the {@link Jdbc} it is given. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Jdbc tx) throws SQLException;
    }

    private final DataSource dataSource;
    /** Non-null for the Jdbc handed to a {@link Work}: all its statements share this connection. */
    private final Connection transaction;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transaction = null;
    }

    private Jdbc(Connection transaction) {
        this.dataSource = null;
        this.transaction = transaction;
    }

    /** All rows the query returns, mapped in order. */
    public <T> List<T> query(String name, String sql, Binder binder, RowMapper<T> mapper) {
        return withStatement(name, sql, binder, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        });
    }

    /** The first row the query returns, if any; the mapper must not return null. */
    public <T> Optional<T> queryOne(String name, String sql, Binder binder, RowMapper<T> mapper) {
        return withStatement(name, sql, binder, ps -> {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.<T>empty();
            }
        });
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement; returns the update count. */
    public int update(String name, String sql, Binder binder) {
        return withStatement(name, sql, binder, PreparedStatement::executeUpdate);
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws (the
     * exception is rethrown, an SQLException wrapped in a StorageException named {@code name}).
     * The {@link Jdbc} given to the work is valid only while it runs. Called on a Jdbc that is
     * already inside a transaction, it joins that transaction.
     */
    public <T> T inTransaction(String name, Work<T> work) {
        if (transaction != null) {
            try {
                return work.run(this);
            } catch (SQLException e) {
                throw new StorageException(name, e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(new Jdbc(c));
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                restoreAutoCommit(c, e);
                throw e;
            }
            restoreAutoCommit(c, null);
            return result;
        } catch (SQLException e) {
            throw new StorageException(name, e);
        }
    }

    /**
     * Pools reset auto-commit themselves, but a plain DataSource would hand the connection out again
     * in manual-commit mode. A failure here only matters when nothing else went wrong already.
     */
    private static void restoreAutoCommit(Connection c, Throwable pending) throws SQLException {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            if (pending == null) {
                throw e;
            }
            pending.addSuppressed(e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @FunctionalInterface
    private interface StatementAction<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    private <T> T withStatement(String name, String sql, Binder binder, StatementAction<T> action) {
        try {
            if (transaction != null) {
                return run(transaction, sql, binder, action);
            }
            try (Connection c = dataSource.getConnection()) {
                return run(c, sql, binder, action);
            }
        } catch (SQLException e) {
            throw new StorageException(name, e);
        }
    }

    private static <T> T run(Connection c, String sql, Binder binder, StatementAction<T> action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return action.apply(ps);
        }
    }
}
