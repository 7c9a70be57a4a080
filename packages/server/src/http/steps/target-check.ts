/** A request target or Host header that does not parse is the client's mistake: 400, never a crash. */
import type { Logger } from '../../observability/logger.js';
import { errorBody, sendJson } from '../json.js';
import type { Step } from './compose.js';

export function targetCheck(logger: Logger): Step {
  return (req, res, state, next) => {
    if (state.target) return next(req, res, state);
    logger.warn({ reqId: state.id, url: String(req.url).slice(0, 200) }, 'Malformed request target');
    sendJson(
      res,
      400,
      errorBody('The request target or Host header is not valid. Percent-encode special characters in the path (RFC 3986).', 'BAD_REQUEST'),
      { Connection: 'close' },
    );
  };
}
