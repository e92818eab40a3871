package dev.nonstop.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Whether an address is on the public internet. Everything else — loopback, private, link-local
 * (which holds the cloud metadata address 169.254.169.254), carrier-grade NAT, unique-local IPv6,
 * multicast, unspecified and reserved ranges — is refused, each with its own message key.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** The reason an address is not public, as a message key; empty when it is public. */
    public static Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("source.address.loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("source.address.link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("source.address.private");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("source.address.reserved");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("source.address.private");
            }
            if (first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))) {
                return Optional.of("source.address.reserved");
            }
            return Optional.empty();
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("source.address.unique-local");
            }
            if (isMappedOrCompatible(b)) {
                return Optional.of("source.address.mapped");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return Optional.of("source.address.reserved");
            }
        }
        return Optional.empty();
    }

    /** ::ffff:a.b.c.d (IPv4-mapped) or ::a.b.c.d (IPv4-compatible): an IPv4 address in disguise. */
    private static boolean isMappedOrCompatible(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
