/** A client that goes away mid-request: normal for a server, and no failure of its own. */
import type { IncomingMessage } from 'node:http';

/**
 * Whether the request failed because its client closed the connection before it was answered.
 * A listener logs nothing for it: one line each would let a client flood the log.
 */
export const clientWentAway = (req: IncomingMessage, error: unknown): boolean =>
  req.socket.destroyed && (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
