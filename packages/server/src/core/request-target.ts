/**
 * Reading a request's target without ever throwing: a malformed one (an invalid URL, a broken
 * percent-encoding) is the client's mistake and answers 400, it must never escape a handler
 * and stop the process.
 *
 * Parsed once per request (steps/compose.ts keeps it in the request state), and the result for
 * each target remembered: partner traffic is a few widget URLs over and over, and the WHATWG URL
 * parser is the costliest part of reading them.
 */

/** A request target: its path, and its query parameters parsed when a route first asks. */
export class RequestTarget {
  #search: URLSearchParams | undefined;

  constructor(
    /** The path, still percent-encoded (as routes match it). */
    readonly path: string,
    /** The target as sent, for the query parameters. */
    private readonly raw: string,
  ) {}

  get search(): URLSearchParams {
    return (this.#search ??= toUrl(this.raw)!.searchParams);
  }
}

/** Targets remembered (their path, or null when they do not parse); longer ones are parsed each time. */
const REMEMBERED_TARGETS = 1000;
const REMEMBERED_MAX_CHARS = 2048;
const paths = new Map<string, string | null>();

/** The target as a URL, or null when it is not a valid origin-form or absolute URL. */
function toUrl(target: string): URL | null {
  // Origin-form ("/graphql?x") is what clients send; "//host" would make URL read a host.
  if (!target.startsWith('/') || target.startsWith('//')) {
    if (!/^https?:\/\//i.test(target)) return null;
  }
  try {
    return target.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target);
  } catch {
    return null;
  }
}

/** The request target parsed, or null when it is not a valid origin-form or absolute URL. */
export function parseTarget(raw: string | undefined): RequestTarget | null {
  const target = raw ?? '/';
  let path = paths.get(target);
  if (path === undefined) {
    path = toUrl(target)?.pathname ?? null;
    if (target.length <= REMEMBERED_MAX_CHARS) {
      if (paths.size >= REMEMBERED_TARGETS) paths.delete(paths.keys().next().value!);
      paths.set(target, path);
    }
  }
  return path === null ? null : new RequestTarget(path, target);
}

/** A percent-encoded path segment decoded, or null when its encoding is broken (e.g. "%E0%A4%A"). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Host headers seen (a server answers to a few names): whether each can stand in a URL. */
const REMEMBERED_HOSTS = 100;
const hosts = new Map<string, boolean>();

/** Whether a Host header can stand in a URL (graphql-yoga builds each request's URL from it). */
export function validHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  let valid = hosts.get(host);
  if (valid === undefined) {
    valid = parsesAsHost(host);
    if (hosts.size >= REMEMBERED_HOSTS) hosts.clear();
    hosts.set(host, valid);
  }
  return valid;
}

function parsesAsHost(host: string): boolean {
  try {
    return new URL(`http://${host}/`).host.length > 0 && !/[/?#@\s]/.test(host);
  } catch {
    return false;
  }
}
