package io.aegis.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a receiver's host name at connect time and hands the HTTP client only the addresses the
 * {@link AddressPolicy} allows: the address checked is the address connected to, so a name that resolved to a
 * public address when the endpoint was registered and to 127.0.0.1 or 169.254.169.254 now (DNS rebinding) is
 * refused. No allowed address at all: {@link UnknownHostException} with the reason.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final AddressPolicy policy;

    GuardedDnsResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        InetAddress[] allowed = Arrays.stream(all).filter(a -> policy.refusal(a) == null).toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new UnknownHostException("refused: " + host + " resolves to " + policy.refusal(all[0])
                    + " (" + all[0].getHostAddress() + "); webhooks are delivered to public addresses only");
        }
        return allowed;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getCanonicalHostName();
    }
}
