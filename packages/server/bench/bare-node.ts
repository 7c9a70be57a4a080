/**
 * The floor of the floor: Node's own `http` server answering a constant body, started as its own
 * process: what no server written in Node beats on this machine. The body is BARE_NODE_BODY
 * (run.ts passes the widgets' cached answer, so both send the same bytes), else a 26-byte JSON.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = Buffer.from(process.env.BARE_NODE_BODY ?? '{"data":{"hello":"world"}}');
const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`bare node serving http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
