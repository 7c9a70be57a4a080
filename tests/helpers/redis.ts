/** The Redis the tests use (TEST_REDIS_URL, default the machine's), and whether it accepts connections. */
import { createConnection } from 'node:net';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function redisAvailable(): Promise<boolean> {
  return new Promise<boolean>((done) => {
    const url = new URL(redisUrl);
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}
