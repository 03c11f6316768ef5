package io.aegis.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may be delivered to. By default only public unicast addresses: never loopback,
 * link-local (169.254.0.0/16 holds cloud metadata services), private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * carrier-grade NAT (100.64/10), unspecified, multicast or reserved ranges, including those same addresses written
 * as IPv4-mapped or 6to4/NAT64-embedded IPv6. Configuration may allow loopback (dev, tests) and private ranges.
 */
public final class AddressPolicy {

    private final boolean allowLoopback;
    private final boolean allowPrivate;

    public AddressPolicy(boolean allowLoopback, boolean allowPrivate) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    /** Null when {@code address} may be reached, otherwise why not. */
    public String refusal(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        if (effective.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address";
        }
        if (effective.isAnyLocalAddress() || effective.isMulticastAddress()) {
            return "not a unicast address";
        }
        if (isNonPublic(effective)) {
            return allowPrivate ? null : "a private, link-local or reserved address";
        }
        return null;
    }

    private static boolean isNonPublic(InetAddress address) {
        if (address.isLinkLocalAddress() || address.isSiteLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                       // "this network"
                    || first == 10
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 169 && second == 254)
                    || (first == 172 && second >= 16 && second < 32)
                    || (first == 192 && second == 168)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))     // benchmarking
                    || first >= 240;                                  // reserved, broadcast
        }
        int first = b[0] & 0xff;
        return (first & 0xfe) == 0xfc                                 // unique local fc00::/7
                || (first == 0xfe && (b[1] & 0xc0) == 0xc0);           // deprecated site-local fec0::/10
    }

    // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d and 2002:aabb:ccdd:: carry an IPv4 address: judge that one.
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        try {
            if (mapped || nat64) {
                if (mapped && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)) {
                    return address; // :: and ::1 themselves
                }
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return address;
    }
}
