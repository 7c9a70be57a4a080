/**
 * Where a webhook may be sent: http(s) URLs only, and never to an address inside the server's
 * own networks (server-side request forgery): loopback and private ranges unless the operator
 * sets WEBHOOK_ALLOW_LOOPBACK=true (a receiver on the same host or network), and never
 * link-local (cloud metadata services live there), unspecified, multicast or reserved ranges.
 *
 * The check is made on the address the request actually connects to: the hostname is resolved
 * at delivery time, every address it resolves to is checked, and the connection is pinned to
 * the checked address (a `lookup` for node:http), so a DNS answer that changes between a check
 * and the connection (DNS rebinding) cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

type Kind = 'loopback' | 'private' | 'link-local' | 'reserved';

const RANGES: [Kind, string, number, 'ipv4' | 'ipv6'][] = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['private', 'fc00::', 7, 'ipv6'], // unique local
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', '0.0.0.0', 8, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['reserved', '224.0.0.0', 4, 'ipv4'], // multicast
  ['reserved', '240.0.0.0', 4, 'ipv4'], // reserved and broadcast
  ['reserved', '::', 128, 'ipv6'],
  ['reserved', '64:ff9b::', 96, 'ipv6'], // NAT64: would reach IPv4 addresses
  ['reserved', '2002::', 16, 'ipv6'], // 6to4: likewise
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'], // multicast
];

const lists = new Map<Kind, BlockList>();
for (const [kind, network, prefix, family] of RANGES) {
  if (!lists.has(kind)) lists.set(kind, new BlockList());
  lists.get(kind)!.addSubnet(network, prefix, family);
}

/** Why a webhook may not connect to `address`, or null when it may. IPv4-mapped IPv6 counts as IPv4. */
export function refusedAddress(address: string, allowLoopback: boolean): string | null {
  const family = isIP(address);
  if (!family) return `"${address}" is not an IP address`;
  for (const [kind, list] of lists) {
    if (!list.check(address, family === 6 ? 'ipv6' : 'ipv4')) continue;
    if (allowLoopback && (kind === 'loopback' || kind === 'private')) return null;
    return `${address} is a ${kind} address${kind === 'loopback' || kind === 'private' ? ' (allowed only with WEBHOOK_ALLOW_LOOPBACK=true)' : ''}`;
  }
  return null;
}

/** The URL's host without IPv6 brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Checks a URL an admin registers; returns the normalised URL or a reason it is refused. */
export function checkWebhookUrl(text: string, allowLoopback: boolean): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: 'must be an absolute http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `must use http or https, not ${url.protocol.replace(':', '')}` };
  if (url.username || url.password) return { problem: 'must not carry a user name or password' };
  if (url.href.length > 2000) return { problem: 'must be at most 2000 characters' };
  const host = hostOf(url);
  const literal = isIP(host) ? refusedAddress(host, allowLoopback) : null;
  if (literal) return { problem: `is refused: ${literal}` };
  if (!allowLoopback && (host === 'localhost' || host.endsWith('.localhost'))) return { problem: 'is refused: localhost is a loopback address (allowed only with WEBHOOK_ALLOW_LOOPBACK=true)' };
  return { url: url.href };
}

/** A refusal at connection time: the delivery records it and sends nothing. */
export class RefusedAddressError extends Error {
  constructor(reason: string) {
    super(`refused: ${reason}`);
    this.name = 'RefusedAddressError';
  }
}

/**
 * A `lookup` for node:http that resolves the host, refuses it when any of its addresses is
 * refused, and hands the connection only the addresses it checked.
 */
export function checkedLookup(allowLoopback: boolean, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = found as unknown as LookupAddress[];
      for (const { address } of addresses) {
        const reason = refusedAddress(address, allowLoopback);
        if (reason) return callback(new RefusedAddressError(`${hostname} resolves to ${reason}`), '', 0);
      }
      if (!addresses.length) return callback(new Error(`${hostname} has no address`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
