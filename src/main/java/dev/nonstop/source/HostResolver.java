package dev.nonstop.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks a host name up (DNS in production; tests give their own answers). */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    HostResolver DNS = host -> List.of(InetAddress.getAllByName(host));
}
