package teleinfo.collector;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Where the bearer token may travel in clear, over plain {@code http://}: to this machine or a private network only
 * (loopback, 10/8, 172.16/12, 192.168/16, link-local, IPv6 unique-local fc00::/7), unless
 * {@code collector.server.allowInsecureHttp} says any address. Checked on the server URL's host when the settings are
 * read (a literal address, or the name's addresses), and again on the address each connection is about to be made to
 * ({@link PrivateOnly}): a name that could not be resolved at start, or that resolves elsewhere later, is covered too.
 */
public final class ClearTextDestination {
    private ClearTextDestination() {
    }

    /** This machine or a private network. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()) {
            return true;
        }
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
    }

    /**
     * The addresses of {@code host} (a name, an address, or a bracketed IPv6 address) that are not private. A literal
     * address is parsed, not looked up.
     *
     * @throws UnknownHostException when the name cannot be resolved now
     */
    public static List<InetAddress> publicAddresses(String host) throws UnknownHostException {
        return Arrays.stream(InetAddress.getAllByName(host)).filter(a -> !isPrivate(a)).toList();
    }

    /**
     * Name resolution for the upload client that refuses, before any connection, a host with an address that is not
     * private. (A check on the socket factory would not do: HttpClient 5.5 makes plain sockets itself.)
     */
    public static final class PrivateOnly implements DnsResolver {
        private final Predicate<InetAddress> allowed;

        public PrivateOnly() {
            this(ClearTextDestination::isPrivate);
        }

        /** With another notion of "private": lets a test refuse the loopback address it can really serve on. */
        PrivateOnly(Predicate<InetAddress> allowed) {
            this.allowed = allowed;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                if (!allowed.test(address)) {
                    throw new UnknownHostException("not sending the token in clear to " + host + " ("
                            + address.getHostAddress() + "), an address outside this machine and its private network: "
                            + "use https://, or set TELEINFO_ALLOW_INSECURE_HTTP=true");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
