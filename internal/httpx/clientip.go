package httpx

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

type clientIPKey struct{}

// ClientAddress works out each request's client address once, for the
// access log, the audit trail and every throttle. Behind a reverse proxy
// every request comes from the proxy, so one attacker's failures would
// pause everyone; with the proxy's addresses in trusted, the address is
// taken from X-Forwarded-For, read from the right and skipping trusted
// hops, so a client cannot forge it by sending the header themselves.
// With trusted empty the header is ignored.
func ClientAddress(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := remoteHost(r)
		if isTrusted(trusted, ip) {
			ip = forwardedClient(r.Header.Values("X-Forwarded-For"), trusted, ip)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientIPKey{}, ip)))
	})
}

// ClientIP is the request's client address (see ClientAddress), without
// the port.
func ClientIP(r *http.Request) string {
	if ip, ok := r.Context().Value(clientIPKey{}).(string); ok {
		return ip
	}
	return remoteHost(r)
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func isTrusted(trusted []netip.Prefix, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// forwardedClient walks X-Forwarded-For from the nearest hop outwards and
// returns the first address no trusted proxy vouches for; a malformed
// entry ends the walk at the last address a trusted proxy gave.
func forwardedClient(values []string, trusted []netip.Prefix, fallback string) string {
	var hops []string
	for _, v := range values {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := fallback
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		addr, err := netip.ParseAddr(hop)
		if err != nil {
			return client
		}
		client = addr.Unmap().String()
		if !isTrusted(trusted, client) {
			return client
		}
	}
	return client
}

// ParseProxies reads a comma-separated list of addresses and CIDR ranges
// (e.g. "10.0.0.0/8, 192.0.2.10").
func ParseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			addr, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
