package dev.meerkat.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {
    private static final String PROPERTY = "io.netty.eventLoopThreads";
    private final String saved = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(PROPERTY);
        else System.setProperty(PROPERTY, saved);
    }

    @Test
    void nettysDefaultOfTwoPerCore() {
        System.clearProperty(PROPERTY);
        assertThat(MeerkatServer.workerThreads()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void nettysPropertyStillDecides() {
        System.setProperty(PROPERTY, "7");
        assertThat(MeerkatServer.workerThreads()).isEqualTo(7);
        System.setProperty(PROPERTY, "0");
        assertThat(MeerkatServer.workerThreads()).isEqualTo(1);
    }
}
