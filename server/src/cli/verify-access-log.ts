import { AccessLogRepository, openDatabase } from '@reco/db';
import { loadConfig } from '../config';
import { verifyAccessLog } from './access-log-verification';

/** `npm run audit:verify`: checks the admins' access log against its hash chain (DATABASE_URL or PGLITE_DIR). */
async function main(): Promise<number> {
  const db = await openDatabase(loadConfig().database);
  try {
    return await verifyAccessLog(new AccessLogRepository(db), (line) => process.stdout.write(`${line}\n`));
  } finally {
    await db.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `access log verification failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
