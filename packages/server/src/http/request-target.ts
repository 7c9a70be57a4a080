/**
 * Reading a request's target without ever throwing: a malformed one (an invalid URL, a broken
 * percent-encoding) is the client's mistake and answers 400, it must never escape a handler
 * and stop the process.
 */

export interface RequestTarget {
  /** The path, still percent-encoded (as routes match it). */
  path: string;
  search: URLSearchParams;
}

/** The request target parsed, or null when it is not a valid origin-form or absolute URL. */
export function parseTarget(raw: string | undefined): RequestTarget | null {
  const target = raw ?? '/';
  // Origin-form ("/graphql?x") is what clients send; "//host" would make URL read a host.
  if (!target.startsWith('/') || target.startsWith('//')) {
    if (!/^https?:\/\//i.test(target)) return null;
  }
  try {
    const url = target.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target);
    return { path: url.pathname, search: url.searchParams };
  } catch {
    return null;
  }
}

/** A percent-encoded path segment decoded, or null when its encoding is broken (e.g. "%E0%A4%A"). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Whether a Host header can stand in a URL (graphql-yoga builds each request's URL from it). */
export function validHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  try {
    return new URL(`http://${host}/`).host.length > 0 && !/[/?#@\s]/.test(host);
  } catch {
    return false;
  }
}
