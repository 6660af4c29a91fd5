import type { Server, ServerResponse } from 'node:http';
import type { Database } from '@reco/db';
import type { Logger } from './logger';

export interface ShutdownDependencies {
  server: Server;
  /** Closed last, once no request can use it any more. */
  db: Database;
  /** Stop the background jobs (the purges). */
  stopTimers: readonly (() => void)[];
  /** How long requests in flight may take to finish before their connections are closed. */
  graceMs: number;
  logger: Logger;
}

/**
 * Prepares the stop of a listening server and returns the function that performs it: stop accepting
 * connections and the background jobs, let the requests in flight finish (up to `graceMs`, then
 * close their connections), close keep-alive connections as soon as they are idle, then close the
 * database. Calling it again returns the same stop. Watches requests from the moment it is called,
 * so call it as soon as the server listens.
 */
export function gracefulShutdown(deps: ShutdownDependencies): () => Promise<void> {
  const { server, logger } = deps;
  const inFlight = new Set<ServerResponse>();
  let stopping: Promise<void> | undefined;

  // Before the app's own listener, so that the headers of every response are still open to change.
  server.prependListener('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    if (stopping) closeAfterwards(response);
    response.once('close', () => {
      inFlight.delete(response);
      // The connection this response leaves idle (a stream, whose headers were already sent).
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });

  async function stop(): Promise<void> {
    logger.info('shutting down', { requestsInFlight: inFlight.size, graceMs: deps.graceMs });
    for (const stopTimer of deps.stopTimers) stopTimer();
    for (const response of inFlight) closeAfterwards(response);
    // Stops listening and closes idle keep-alive connections; resolves once every connection is gone.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const grace = setTimeout(() => {
      logger.info('grace period over, closing connections', { requestsInFlight: inFlight.size });
      server.closeAllConnections();
    }, deps.graceMs);
    await closed;
    clearTimeout(grace);
    await deps.db.close();
    logger.info('shut down');
  }

  return () => {
    stopping ??= stop();
    return stopping;
  };
}

/** A keep-alive client would otherwise hold its connection, and the stop, until its idle time-out. */
function closeAfterwards(response: ServerResponse) {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
