/**
 * Who a request comes from, for the per-client limit (DESIGN.md §6, issue 16.5).
 *
 * Without TRUST_PROXY the socket address is used. With TRUST_PROXY naming a header, that header
 * is read instead (falling back to the socket when it is missing or holds no address):
 * - a single-address header (`cf-connecting-ip` on Cloudflare, `x-real-ip`, `fly-client-ip`) is
 *   used as it is;
 * - a list (`x-forwarded-for`: `client, proxy1, proxy2`, each proxy appending what it saw; or
 *   RFC 7239 `forwarded`: `for=client, for=proxy1;proto=https`) is read
 *   from the right, skipping loopback, private, link-local and unique-local entries (our own
 *   proxies); the first other entry is the client. Entries to its left were written by the
 *   client itself and are never trusted. If every entry is internal, the left-most is used.
 */
export function clientAddress(header: string | undefined, socket: string | undefined): string | undefined {
  if (!header) return socket;
  const entries = header
    .split(",")
    .map(cleanEntry)
    .filter((e): e is string => e !== null);
  if (entries.length === 0) return socket;
  for (let i = entries.length - 1; i >= 0; i--) if (!isInternal(entries[i]!)) return entries[i];
  return entries[0];
}

/**
 * The key an address is limited under: an IPv4 address whole, an IPv6 address by its /64 (one
 * household or server is usually given a whole /64, so per-address keys would be free to rotate).
 */
export function clientLimitKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : address;
}

/**
 * An entry without brackets, an IPv4 port or spaces; null when it is not an address at all. An
 * RFC 7239 `Forwarded` element (`for=192.0.2.60;proto=https`, `for="[2001:db8::17]:4711"`) gives
 * its `for=` value: read as a bare address it was no address, so with TRUST_PROXY=forwarded every
 * visitor fell back to the proxy's socket and shared one sign-up limit.
 */
function cleanEntry(raw: string): string | null {
  let e = raw.trim();
  if (e.includes("=")) {
    const forPair = e.split(";").find((pair) => /^\s*for\s*=/i.test(pair));
    if (!forPair) return null;
    e = forPair
      .slice(forPair.indexOf("=") + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(e);
  if (bracketed) e = bracketed[1]!;
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(e);
  if (v4port) e = v4port[1]!;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(e)) return e;
  return e.length <= 45 && e.includes(":") && expandIpv6(e) ? e.toLowerCase() : null;
}

function isInternal(address: string): boolean {
  if (!address.includes(":")) {
    const [a, b] = address.split(".").map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      a === 0
    );
  }
  const first = parseInt(expandIpv6(address)![0]!, 16);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return isInternal(mapped[1]!);
  return address === "::1" || address === "::" || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** The eight groups of an IPv6 address (zero-padded hex), or null when it is not one. */
function expandIpv6(address: string): string[] | null {
  let text = address.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.padStart(4, "0"));
}
