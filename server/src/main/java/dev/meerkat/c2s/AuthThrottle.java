package dev.meerkat.c2s;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address in a sliding window; past the limit the address is
 * refused further attempts (temporary-auth-failure) until old failures age out. This slows
 * password guessing from one address without touching storage.
 */
public final class AuthThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<InetAddress, Deque<Long>> failures = new ConcurrentHashMap<>();

    public AuthThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public boolean blocked(InetAddress address) {
        Deque<Long> d = failures.get(address);
        if (d == null) return false;
        synchronized (d) {
            prune(d);
            return d.size() >= maxFailures;
        }
    }

    public void failed(InetAddress address) {
        Deque<Long> d = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (d) {
            prune(d);
            d.addLast(clock.millis());
        }
    }

    /** Drops addresses whose failures have all aged out (called periodically). */
    public void sweep() {
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                prune(e.getValue());
                return e.getValue().isEmpty();
            }
        });
    }

    private void prune(Deque<Long> d) {
        long oldest = clock.millis() - window.toMillis();
        while (!d.isEmpty() && d.peekFirst() < oldest) d.pollFirst();
    }
}
