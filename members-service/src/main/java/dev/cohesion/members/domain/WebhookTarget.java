package dev.cohesion.members.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Where a webhook may point (docs/partners.md): an absolute https URL without user information whose host resolves
 * to public addresses only. Loopback, link-local (cloud metadata), private, carrier-grade NAT, unique-local,
 * multicast and unspecified addresses are refused, so that a subscription cannot make Cohesion call into its own
 * network (server-side request forgery). The development setting allows http and local addresses.
 */
public final class WebhookTarget {

    private WebhookTarget() {
    }

    /** What is wrong with the URL itself; empty: nothing. */
    public static Optional<String> urlProblem(URI url, boolean allowLocal) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return Optional.of("an absolute URL with a host");
        }
        String scheme = url.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowLocal && scheme.equals("http"))) {
            return Optional.of("an https URL");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("a URL without user name or password");
        }
        if (url.getRawFragment() != null) {
            return Optional.of("a URL without fragment");
        }
        return Optional.empty();
    }

    /** Whether Cohesion may send to the address. */
    public static boolean publicAddress(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                           // "this network"
                    && !(first == 100 && second >= 64 && second < 128)  // carrier-grade NAT 100.64.0.0/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240;                                     // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc;               // fc00::/7
            return !uniqueLocal;
        }
        return false;
    }
}
