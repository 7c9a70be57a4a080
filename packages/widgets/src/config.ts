/**
 * Where the widgets find the Vigía API.
 *
 * Order: the element's `endpoint` attribute, then the `data-endpoint` of the script tag that
 * loaded the bundle, then `/graphql` on the page's own origin (the contract's rule).
 */

// Only a classic `<script src>` sets `currentScript`, and only while it runs: read it now.
const loader =
  typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
const loaderEndpoint = loader?.dataset['endpoint'];

/** The endpoint as an absolute http(s) URL, or `null` when the configured value is not one. */
export function resolveEndpoint(attribute?: string | null): string | null {
  const raw =
    attribute?.trim() ||
    loaderEndpoint ||
    // ES-module loads have no currentScript: fall back to any tagged script on the page.
    document.querySelector<HTMLScriptElement>('script[data-endpoint]')?.dataset['endpoint'] ||
    '/graphql';
  return httpUrl(raw, document.baseURI);
}

/**
 * `value` resolved against `base` if it is an http(s) URL; anything else (javascript:, data:…)
 * gives `null`, so no API value or attribute can become a script URL in a link or a request.
 */
export function httpUrl(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
