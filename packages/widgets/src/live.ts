/**
 * Live widgets (`live` attribute): one EventSource per endpoint per page, subscribed to
 * `dataChanged` — GraphQL over SSE in its "distinct connections" mode, a GET of
 * `?documentId=sha256:<hash>` with the `Accept: text/event-stream` an EventSource sends. Each
 * change empties the shared client's answers for that endpoint and goes to every live widget,
 * which re-fetches when the change names its data. After a reconnection (the server restarted:
 * its streams complete, the browser reconnects) every live widget re-fetches once, as changes
 * may have been missed. A server that does not know the hash gets the document's text instead.
 */
import { clientFor } from './client.js';
import { LIVE } from './graphql.js';

/** Gets the keys a change named, or null when changes may have been missed. */
export type Listener = (keys: string[] | null) => void;

interface Feed {
  listeners: Set<Listener>;
  source?: EventSource;
  text?: boolean;
  opened?: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

const feeds = new Map<string, Feed>();

function connect(endpoint: string, feed: Feed): void {
  const head = feed.text || !LIVE.hash ? `query=${encodeURIComponent(LIVE.document)}` : `documentId=sha256:${LIVE.hash}`;
  const source = (feed.source = new EventSource(`${endpoint}${endpoint.includes('?') ? '&' : '?'}${head}`));
  const tell = (keys: string[] | null) => {
    clientFor(endpoint).expire();
    for (const listener of feed.listeners) listener(keys);
  };
  source.addEventListener('next', (event) => {
    const keys = JSON.parse((event as MessageEvent<string>).data).data?.dataChanged?.datasets;
    if (Array.isArray(keys)) tell(keys);
  });
  source.onopen = () => {
    if (feed.opened) tell(null);
    feed.opened = true;
  };
  source.onerror = () => {
    // The browser reconnects by itself unless the server refused the stream (an HTTP error).
    if (source.readyState !== EventSource.CLOSED) return;
    if (!feed.text && !feed.opened) {
      feed.text = true;
      connect(endpoint, feed);
    } else feed.timer = setTimeout(() => feeds.get(endpoint) === feed && connect(endpoint, feed), 30_000);
  };
}

/** Follows the changes of `endpoint`'s data; the returned function stops following. */
export function follow(endpoint: string, listener: Listener): () => void {
  let feed = feeds.get(endpoint);
  if (!feed) {
    feeds.set(endpoint, (feed = { listeners: new Set() }));
    connect(endpoint, feed);
  }
  feed.listeners.add(listener);
  return () => {
    feed.listeners.delete(listener);
    if (feed.listeners.size) return;
    feed.source?.close();
    clearTimeout(feed.timer);
    feeds.delete(endpoint);
  };
}
