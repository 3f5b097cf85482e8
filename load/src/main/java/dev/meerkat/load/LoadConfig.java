package dev.meerkat.load;

import dev.meerkat.load.sasl.Mechanism;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One run of the generator, as given on the command line.
 *
 * @param host            server address (an IP literal or a name)
 * @param port            c2s port
 * @param domain          XMPP domain (stream 'to')
 * @param users           accounts used: prefix + 1 .. prefix + users
 * @param userPrefix      account name prefix
 * @param password        password of every account
 * @param tls             none, starttls, direct
 * @param mechanism       SASL mechanism
 * @param duration        how long the measured phase lasts
 * @param rate            login: logins/s (0 = as fast as concurrency allows); chat and muc: messages/s in total
 * @param concurrency     logins in flight at most (login scenario, and the ramp-up of chat and idle)
 * @param maxLogins       login scenario: stop after this many logins (0 = only the duration bounds it)
 * @param loginTimeout    one login (connect to presence) must finish within this
 * @param grace           chat and muc: how long to wait for messages still in flight after sending stopped
 * @param resource        resource bound by every client
 * @param threads         network threads of the generator
 * @param sourceAddresses local addresses 127.0.0.1 .. 127.0.0.N to spread connections over (0: let the OS choose)
 * @param bodyPadding     chat and muc: extra characters in each message body
 * @param register        create the accounts first with XEP-0077 (an existing account is fine)
 * @param registerConcurrency registrations in flight at most
 * @param serverPid       when > 0, the server's PID on this machine: its CPU and RSS are reported too
 * @param csv             where to write the run's CSV, or null
 * @param rooms           muc: rooms
 * @param occupants       muc: occupants per room (accounts used: rooms x occupants)
 * @param mucService      muc: the service's domain (rooms are ROOM@mucService)
 * @param warmup          chat and muc: how long to send at the rate before the measured phase (its messages
 *                        count for loss, not for latency, throughput or CPU)
 * @param tlsGroups       key exchange groups the TLS client offers, in order (empty: the TLS library's default)
 */
public record LoadConfig(String host, int port, String domain, int users, String userPrefix, String password,
                         TlsMode tls, Mechanism mechanism, Duration duration, double rate, int concurrency,
                         long maxLogins, Duration loginTimeout, Duration grace, String resource, int threads,
                         int sourceAddresses, int bodyPadding, boolean register, int registerConcurrency,
                         long serverPid, Path csv, int rooms, int occupants, String mucService,
                         Duration warmup, java.util.List<String> tlsGroups) {

    public LoadConfig {
        tlsGroups = java.util.List.copyOf(tlsGroups);
    }

    public String username(int index) { return userPrefix + index; }

    /** Defaults suited to a loopback test; callers change what they need with the withers. */
    public static LoadConfig defaults(String host, int port, String domain) {
        return new LoadConfig(host, port, domain, 10, "user", "pass", TlsMode.STARTTLS, Mechanism.SCRAM_SHA_256,
                Duration.ofSeconds(10), 0, 50, 0, Duration.ofSeconds(30), Duration.ofSeconds(5), "load", 2, 0, 0,
                false, 20, 0, null, 2, 5, "muc." + domain, Duration.ZERO, java.util.List.of());
    }

    public LoadConfig withUsers(int n) {
        return new LoadConfig(host, port, domain, n, userPrefix, password, tls, mechanism, duration, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, warmup, tlsGroups);
    }

    public LoadConfig withRate(double r) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, tls, mechanism, duration, r, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, warmup, tlsGroups);
    }

    public LoadConfig withDuration(Duration d) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, tls, mechanism, d, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, warmup, tlsGroups);
    }

    public LoadConfig withTls(TlsMode t, Mechanism m) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, t, m, duration, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, warmup, tlsGroups);
    }

    public LoadConfig withRegister(boolean r) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, tls, mechanism, duration, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, r,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, warmup, tlsGroups);
    }

    public LoadConfig withMuc(int r, int n, String service) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, tls, mechanism, duration, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, r, n, service, warmup, tlsGroups);
    }

    public LoadConfig withWarmup(Duration w) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, tls, mechanism, duration, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, w, tlsGroups);
    }

    public LoadConfig withTlsGroups(java.util.List<String> groups) {
        return new LoadConfig(host, port, domain, users, userPrefix, password, tls, mechanism, duration, rate, concurrency,
                maxLogins, loginTimeout, grace, resource, threads, sourceAddresses, bodyPadding, register,
                registerConcurrency, serverPid, csv, rooms, occupants, mucService, warmup, groups);
    }
}
