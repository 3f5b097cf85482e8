package dev.meerkat.auth;

import dev.meerkat.jid.Jid;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Imports accounts from CSV lines {@code user,domain,password} (the password is everything after the
 * second comma, so it may contain commas; blank lines and lines starting with '#' are skipped).
 * Each password becomes SCRAM credentials; existing accounts are left alone.
 */
public final class UserImport {
    /** What an import did; {@code errors} name the line and why it was skipped. */
    public record Result(int created, int existing, List<String> errors) {}

    private final AuthService auth;
    private final Set<String> hosts;

    /** @param hosts the served domains; lines for other domains are errors */
    public UserImport(AuthService auth, Set<String> hosts) {
        this.auth = auth;
        this.hosts = Set.copyOf(hosts);
    }

    public Result run(BufferedReader csv) throws IOException {
        int created = 0;
        int existing = 0;
        List<String> errors = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = csv.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1); // a BOM from spreadsheet exports
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split(",", 3);
            if (f.length < 3) {
                errors.add("line " + n + ": expected user,domain,password");
                continue;
            }
            var jid = AccountNames.account(f[0].strip(), f[1].strip());
            if (jid.isEmpty()) {
                errors.add("line " + n + ": invalid user name or domain");
                continue;
            }
            Jid bare = jid.get();
            if (!hosts.contains(bare.domain())) {
                errors.add("line " + n + ": " + bare.domain() + " is not a host of this server");
                continue;
            }
            try {
                if (auth.register(bare, f[2])) created++;
                else existing++;
            } catch (IllegalArgumentException e) {
                // never echo the password
                errors.add("line " + n + ": " + bare + ": invalid password");
            }
        }
        return new Result(created, existing, List.copyOf(errors));
    }
}
