package org.warmline.webhooks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Where webhooks may go (no server-side request forgery): an endpoint is an http(s) URL without user info, and every
 * address its host resolves to must be public — not loopback, private (RFC 1918, unique local), link-local (cloud
 * metadata at 169.254.169.254 included), carrier-grade NAT, "this network", multicast, reserved or documentation,
 * nor an IPv6 form of those (IPv4-mapped, -compatible, NAT64, 6to4) — unless
 * {@code warmline.webhooks.allow-internal-addresses} is on. Checked at registration ({@link #endpoint}) and at every
 * delivery: before it ({@link #check}, for addresses written as such) and in the HTTP client's own name resolution
 * ({@link #dns}), so the addresses checked are the very addresses connected to, even if the name's DNS answer changes.
 */
final class AddressPolicy {

    static final int MAX_URL = 500;

    private final boolean allowInternal;

    AddressPolicy(boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    boolean allowsInternal() {
        return allowInternal;
    }

    /**
     * Reads an endpoint's URL and checks where its host resolves to.
     *
     * @throws WebhookRefused naming the field {@code url}
     */
    HttpUrl endpoint(String text) {
        String url = text == null ? "" : text.trim();
        if (url.isEmpty()) {
            throw new WebhookRefused("url", "webhook.refused.urlRequired");
        }
        if (url.length() > MAX_URL) {
            throw new WebhookRefused("url", "webhook.refused.urlTooLong", MAX_URL);
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || !(url.regionMatches(true, 0, "http://", 0, 7)
                || url.regionMatches(true, 0, "https://", 0, 8))) {
            throw new WebhookRefused("url", "webhook.refused.urlInvalid", url);
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw new WebhookRefused("url", "webhook.refused.urlUserInfo");
        }
        if (parsed.fragment() != null) {
            throw new WebhookRefused("url", "webhook.refused.urlFragment");
        }
        check(parsed.host());
        return parsed;
    }

    /**
     * Resolves a host and checks every address.
     *
     * @throws WebhookRefused when it does not resolve, or resolves to an internal address that is not allowed
     */
    void check(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new WebhookRefused("url", "webhook.refused.unresolved", host);
        }
        for (InetAddress address : addresses) {
            if (!allowInternal && internal(address)) {
                throw new WebhookRefused("url", "webhook.refused.internal", host, address.getHostAddress());
            }
        }
    }

    /** The HTTP client's name resolution: the system's, refusing a name with any internal address not allowed. */
    Dns dns() {
        return host -> {
            List<InetAddress> addresses = Dns.SYSTEM.lookup(host);
            if (!allowInternal) {
                for (InetAddress address : addresses) {
                    if (internal(address)) {
                        throw new UnknownHostException(host + " resolves to the internal address "
                                + address.getHostAddress() + ", refused (warmline.webhooks.allow-internal-addresses"
                                + " is off)");
                    }
                }
            }
            return addresses;
        };
    }

    /** Whether an address is not on the public internet. */
    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return internal4(b, 0);
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local
        }
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= b[i] == 0;
        }
        if (zero80 && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
            return internal4(b, 12); // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return internal4(b, 12); // NAT64 64:ff9b::/96
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return internal4(b, 2); // 6to4 2002::/16
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return true; // 2001:db8::/32 documentation
        }
        if (b0 == 0x01 && b1 == 0x00 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return true; // 100::/64 discard
        }
        return false;
    }

    private static boolean internal4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        int d = b[at + 2] & 0xff;
        return a == 0 || a == 10 || a == 127
                || a == 100 && (c & 0xc0) == 64        // 100.64.0.0/10 carrier-grade NAT
                || a == 169 && c == 254                 // link-local, cloud metadata
                || a == 172 && (c & 0xf0) == 16
                || a == 192 && c == 168
                || a == 192 && c == 0 && (d == 0 || d == 2) // IETF protocol assignments, TEST-NET-1
                || a == 198 && (c & 0xfe) == 18         // benchmarking
                || a == 198 && c == 51 && d == 100      // TEST-NET-2
                || a == 203 && c == 0 && d == 113       // TEST-NET-3
                || a >= 224;                            // multicast, reserved, broadcast
    }
}
