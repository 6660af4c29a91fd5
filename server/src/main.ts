import { loadConfig } from './config';
import { exitOnSignals } from './exit-on-signals';
import { jsonLogger } from './logger';
import { startServer } from './start-server';

/** `npm run serve`: the API and the web app over whatever the database holds; ingests nothing. */
const logger = jsonLogger();
startServer(loadConfig(), logger).then(
  ({ url, shutdown }) => {
    exitOnSignals(shutdown, logger);
    process.stdout.write(`Assistant formation : ${url}\n`);
  },
  (error: unknown) => {
    logger.error('start-up failed', { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
