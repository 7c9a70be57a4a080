/**
 * Requests Node's HTTP parser refuses before any handler sees them (a malformed request line or
 * header, headers too large, a client too slow to send its headers). Node's default answer is
 * a bare status line; this one says what was wrong, in the same JSON shape as every other error,
 * logs it, and closes the socket. Nothing here can throw into the process.
 */
import type { Socket } from 'node:net';
import type { Logger } from '../observability/logger.js';

const ANSWERS: Record<string, [status: number, reason: string, message: string, code: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.', 'HEADERS_TOO_LARGE'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive; send it again.', 'REQUEST_TIMEOUT'],
};
const MALFORMED: [number, string, string, string] = [400, 'Bad Request', 'The request is not valid HTTP/1.1.', 'BAD_REQUEST'];

export function answerClientError(logger: Logger) {
  return (error: Error & { code?: string }, socket: Socket) => {
    // The peer went away: there is no one to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, message, code] = ANSWERS[error.code ?? ''] ?? MALFORMED;
    logger.warn({ err: { message: error.message, code: error.code }, status, client: socket.remoteAddress }, 'Refused a malformed request');
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    try {
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    } catch {
      socket.destroy();
    }
  };
}
