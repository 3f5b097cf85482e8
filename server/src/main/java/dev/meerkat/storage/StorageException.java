package dev.meerkat.storage;

import java.sql.SQLException;

/**
 * A database operation failed. Unchecked so that store interfaces stay free of JDBC types; the
 * statement name tells which operation failed without logging the SQL (or its bound values).
 */
public final class StorageException extends RuntimeException {
    /** SQLSTATE of a unique/primary key violation on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** MariaDB/MySQL vendor code for "Duplicate entry ... for key". */
    private static final int MARIADB_DUPLICATE_KEY = 1062;
    /** SQLSTATE of a serialization failure; MariaDB and H2 also report deadlocks with it. */
    private static final String SERIALIZATION_FAILURE = "40001";
    /** PostgreSQL's SQLSTATE for a detected deadlock. */
    private static final String POSTGRESQL_DEADLOCK = "40P01";

    private final String statement;

    public StorageException(String statement, SQLException cause) {
        super("statement " + statement + " failed: " + cause.getMessage(), cause);
        this.statement = statement;
    }

    public StorageException(String statement, String message, Throwable cause) {
        super("statement " + statement + " failed: " + message, cause);
        this.statement = statement;
    }

    /** The name the caller gave the failed statement, e.g. {@code users.create}. */
    public String statement() {
        return statement;
    }

    /** The SQLSTATE of the underlying SQLException, or null if the cause was not one. */
    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }

    /**
     * Whether the statement broke a primary key or unique constraint. Lets a store turn a lost
     * insert race into a "already exists" answer on every supported database.
     */
    public boolean isDuplicateKey() {
        if (!(getCause() instanceof SQLException e)) {
            return false;
        }
        return UNIQUE_VIOLATION.equals(e.getSQLState())
                || e.getErrorCode() == MARIADB_DUPLICATE_KEY && "23000".equals(e.getSQLState());
    }

    /**
     * Whether the database rolled the transaction back to break a deadlock or a serialization
     * conflict with a concurrent one: running the whole transaction again may succeed. Lock wait
     * timeouts are not included, since they mean the database is overloaded rather than raced.
     */
    public boolean isTransactionConflict() {
        if (!(getCause() instanceof SQLException e)) {
            return false;
        }
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || POSTGRESQL_DEADLOCK.equals(e.getSQLState());
    }
}
