package dev.meerkat.mod.register;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * An ordered list of {address/prefix, allow|deny} rules; the first rule that matches decides, and
 * an address no rule matches is denied.
 */
public final class IpAccess {
    public record Rule(byte[] network, int prefix, boolean allow) {
        boolean matches(byte[] addr) {
            if (addr.length != network.length) return false;
            int full = prefix / 8, rest = prefix % 8;
            for (int i = 0; i < full; i++) if (addr[i] != network[i]) return false;
            if (rest == 0) return true;
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Rule> rules;

    public IpAccess(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses "127.0.0.0/8", "::1/128" or a plain address (a host prefix). */
    public static Rule rule(String cidr, boolean allow) {
        String[] parts = cidr.split("/", 2);
        try {
            String literal = parts[0].trim();
            // only literals: getByName on anything else would be a DNS look-up at start-up
            if (literal.isEmpty() || !literal.matches("[0-9A-Fa-f:.]+")) throw new IllegalArgumentException(cidr);
            byte[] net;
            try {
                net = InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : net.length * 8;
            if (prefix < 0 || prefix > net.length * 8) throw new IllegalArgumentException("prefix out of range in " + cidr);
            return new Rule(net, prefix, allow);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix in " + cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address or network: " + cidr);
        }
    }

    public boolean allows(InetAddress address) {
        byte[] addr = address.getAddress();
        for (Rule r : rules) if (r.matches(addr)) return r.allow();
        if (addr.length == 16 && isV4Mapped(addr)) {
            try {
                return allows(InetAddress.getByAddress(java.util.Arrays.copyOfRange(addr, 12, 16)));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }
}
