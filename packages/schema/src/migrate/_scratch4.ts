const orig = globalThis.setTimeout;
(globalThis as any).setTimeout = function (fn: any, ms: any, ...rest: any[]) {
  if (ms >= 1000) console.log('setTimeout', ms, new Error().stack?.split('\n').slice(2, 8).join('\n'));
  return orig(fn, ms, ...rest);
};
await import('./_scratch3.js');
