import type { Server } from 'node:http';
import { HealthResponse, ProblemDetails } from '@reco/contracts';
import { CatalogueRepository, type Database, openDatabase } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { silentLogger } from './logger';

describe('HTTP app over the embedded PostgreSQL', () => {
  let db: Database;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    db = await openDatabase({});
    const app = createApp({ catalogue: new CatalogueRepository(db), logger: silentLogger });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });

  it('reports its health and the size of the catalogue', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(HealthResponse.parse(await response.json())).toEqual({
      status: 'ok',
      database: 'ok',
      catalogue: { activeOffers: 0 },
    });
  });

  it('answers unknown API routes with an RFC 9457 problem', async () => {
    const response = await fetch(`${base}/api/nope?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(ProblemDetails.parse(await response.json())).toMatchObject({ status: 404, instance: '/api/nope' });
  });

  it('refuses malformed JSON with a 400 problem that does not echo the body', async () => {
    const response = await fetch(`${base}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"secret": "06 12 34 56 78"',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('06 12');
    expect(ProblemDetails.parse(JSON.parse(text)).title).toBe('Requête invalide');
  });

  it('reports the database down instead of failing', async () => {
    const closed = await openDatabase({});
    await closed.close();
    const app = createApp({ catalogue: new CatalogueRepository(closed), logger: silentLogger });
    const downServer = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = downServer.address();
    const response = await fetch(
      `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/health`,
    );
    await new Promise((resolve) => downServer.close(resolve));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'down', database: 'down' });
  });
});
