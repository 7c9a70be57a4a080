/**
 * SVG → PNG on the server, without a browser: resvg (@resvg/resvg-js, its native binary shipped in
 * the npm package) with Inter's TTF files from @expo-google-fonts/inter (SIL Open Font License),
 * so text renders the same on a fresh machine with no system fonts. Rendering runs on libuv's
 * thread pool (`renderAsync`), a few at a time: a burst of new images queues (up to a bound, then
 * 503 + Retry-After) instead of holding up every other request.
 */
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { UnavailableError } from '../core/errors.js';
import { FONT_FAMILY } from './svg.js';

const require = createRequire(import.meta.url);
const FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

const CONCURRENCY = 2;
const QUEUE_LIMIT = 32;
let running = 0;
const waiting: (() => void)[] = [];

export async function rasterize(svg: string, width: number): Promise<Buffer> {
  if (running >= CONCURRENCY) {
    if (waiting.length >= QUEUE_LIMIT) throw new UnavailableError('Too many images are being drawn right now; try again in a moment.', 1);
    await new Promise<void>((go) => waiting.push(go));
  }
  running++;
  try {
    const image = await renderAsync(svg, {
      fitTo: { mode: 'width', value: width },
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    });
    return image.asPng();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
