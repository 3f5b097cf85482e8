package dev.meerkat.storage;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendor codes behind {@link StorageException#isTransactionConflict()}, as each driver reports them. */
class StorageExceptionTest {
    private static StorageException failed(SQLException cause) {
        return new StorageException("test.statement", cause);
    }

    @Test
    void deadlocksAndSerializationFailuresAreConflicts() {
        // MariaDB: ER_LOCK_DEADLOCK 1213; H2: DEADLOCK_1 40001; PostgreSQL: deadlock_detected, serialization_failure
        assertThat(failed(new SQLTransactionRollbackException("Deadlock found", "40001", 1213)).isTransactionConflict()).isTrue();
        assertThat(failed(new SQLException("Deadlock detected", "40001", 40001)).isTransactionConflict()).isTrue();
        assertThat(failed(new SQLException("deadlock detected", "40P01")).isTransactionConflict()).isTrue();
        assertThat(failed(new SQLException("could not serialize access", "40001")).isTransactionConflict()).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        // MariaDB lock wait timeout 1205, H2 LOCK_TIMEOUT_1 (HYT00), a duplicate key, no SQLException at all
        assertThat(failed(new SQLException("Lock wait timeout exceeded", "HY000", 1205)).isTransactionConflict()).isFalse();
        assertThat(failed(new SQLException("Timeout trying to lock table", "HYT00", 50200)).isTransactionConflict()).isFalse();
        StorageException duplicate = failed(new SQLException("duplicate key", "23505"));
        assertThat(duplicate.isTransactionConflict()).isFalse();
        assertThat(duplicate.isDuplicateKey()).isTrue();
        assertThat(new StorageException("test.statement", "pool closed", new IllegalStateException()).isTransactionConflict()).isFalse();
    }
}
