/**
 * The signed-in session: the key lives in this tab's sessionStorage (it survives a reload, dies
 * with the tab) and in memory — never in a URL, never in localStorage, never in a cookie. After
 * `idleMinutes` without a key press, click or touch the session ends by itself; a minute before,
 * the console warns (`onWarn`) so a steward in the middle of typing can stay.
 */

const KEY = 'vigia-console:key';
const LAST_ACTIVE = 'vigia-console:last-active';
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Minutes without activity after which the console signs out (build setting VIGIA_CONSOLE_IDLE_MINUTES). */
export const IDLE_MINUTES: number = (() => {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="vigia-console-idle-minutes"]')?.content;
  const minutes = Number(meta);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 15;
})();

export function storedKey(): string | null {
  try {
    const key = sessionStorage.getItem(KEY);
    if (!key) return null;
    // A key left in a tab that stayed idle past the limit (e.g. a laptop that slept) is dropped.
    const last = Number(sessionStorage.getItem(LAST_ACTIVE));
    if (!last || Date.now() - last > IDLE_MINUTES * 60_000) {
      forgetKey();
      return null;
    }
    return key;
  } catch {
    return null;
  }
}

export function keepKey(key: string): void {
  try {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(LAST_ACTIVE, String(Date.now()));
  } catch {
    // Storage refused (private mode quotas): the key stays in memory for this page only.
  }
}

export function forgetKey(): void {
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(LAST_ACTIVE);
  } catch {
    // nothing stored
  }
}

/** Watches for activity; calls onWarn a minute before the limit and onIdle at it. stop() ends the watch. */
export function watchIdle(handlers: { onWarn(secondsLeft: number): void; onActive(): void; onIdle(): void }): { stop(): void; touch(): void } {
  const limit = IDLE_MINUTES * 60_000;
  const warnAt = Math.max(limit - 60_000, limit / 2);
  let last = Date.now();
  let warned = false;
  let lastStored = 0;

  const touch = () => {
    last = Date.now();
    // Stored at most every few seconds: a reload keeps the clock, typing does not hammer storage.
    if (last - lastStored > 5_000) {
      lastStored = last;
      try {
        sessionStorage.setItem(LAST_ACTIVE, String(last));
      } catch {
        // memory only
      }
    }
    if (warned) {
      warned = false;
      handlers.onActive();
    }
  };
  // Checked every second against the wall clock: timers are throttled in background tabs and a
  // sleeping laptop skips them, the clock does not.
  const timer = setInterval(() => {
    const idle = Date.now() - last;
    if (idle >= limit) {
      stop();
      handlers.onIdle();
    } else if (idle >= warnAt && !warned) {
      warned = true;
      handlers.onWarn(Math.round((limit - idle) / 1000));
    }
  }, 1000);
  for (const type of ACTIVITY_EVENTS) window.addEventListener(type, touch, { capture: true, passive: true });
  touch();

  function stop() {
    clearInterval(timer);
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, touch, { capture: true });
  }
  return { stop, touch };
}
