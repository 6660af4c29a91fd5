import {
  adminAccessLogRoute,
  adminOversightRoute,
  adminPurgeRoute,
  adminRequestsCsvRoute,
  adminRequestsRoute,
  adminRetentionRoute,
} from '@reco/contracts';
import { type Response, Router } from 'express';
import { currentUser } from '../auth/current-user';
import { parseWith } from '../http/validate';
import type { Logger } from '../logger';
import type { AdminAudit } from '../oversight/admin-audit';

/**
 * The admins' audit API. Mounted behind `requireRole('admin')`; the purge, a POST, also needs the
 * CSRF token like every state change.
 */
export function adminRouter(audit: AdminAudit, logger: Logger): Router {
  const router = Router();

  router.get(adminRequestsRoute.path, async (req, res) => {
    const query = parseWith(adminRequestsRoute.query, req.query);
    res.set('Cache-Control', 'no-store').json(await audit.requests(currentUser(res), query));
  });

  router.get(adminRequestsCsvRoute.path, async (req, res) => {
    const query = parseWith(adminRequestsCsvRoute.query, req.query);
    const { rowCount, lines } = await audit.csvExport(currentUser(res), query);
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="demandes_${query.from ?? 'debut'}_${query.to ?? 'fin'}.csv"`,
      'Cache-Control': 'no-store',
    });
    try {
      for await (const line of lines) {
        if (res.destroyed) return; // the admin cancelled the download
        if (!res.write(line)) await drainedOrClosed(res);
      }
      res.end();
    } catch {
      // Headers are gone: cut the download short rather than hand over a silently incomplete file.
      logger.error('csv export failed', { rows: rowCount });
      res.destroy();
    }
  });

  router.get(adminOversightRoute.path, async (req, res) => {
    const query = parseWith(adminOversightRoute.query, req.query);
    res.set('Cache-Control', 'no-store').json(await audit.oversight(currentUser(res), query));
  });

  router.get(adminAccessLogRoute.path, async (req, res) => {
    const query = parseWith(adminAccessLogRoute.query, req.query);
    res.set('Cache-Control', 'no-store').json(await audit.accessLog(currentUser(res), query));
  });

  router.get(adminRetentionRoute.path, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await audit.retention());
  });

  router.post(adminPurgeRoute.path, async (_req, res) => {
    res.json(await audit.purge(currentUser(res)));
  });

  return router;
}

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
