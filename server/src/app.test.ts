import { HealthResponse, ProblemDetails } from '@reco/contracts';
import type { Database } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../db/test/test-databases';
import { buildTestApp, listen } from '../test/test-app';

describe('HTTP app over the embedded PostgreSQL', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    db = await openTestDatabase();
    server = await listen((await buildTestApp(db)).app);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('reports its health and the size of the catalogue', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(HealthResponse.parse(await response.json())).toEqual({
      status: 'ok',
      database: 'ok',
      llm: 'disabled',
      catalogue: { activeOffers: 0 },
    });
  });

  it('sends security headers: CSP without inline scripts, no framing, no sniffing', async () => {
    const response = await fetch(`${server.url}/api/health`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown API routes with an RFC 9457 problem', async () => {
    const response = await fetch(`${server.url}/api/nope?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(ProblemDetails.parse(await response.json())).toMatchObject({ status: 404, instance: '/api/nope' });
  });

  it('refuses malformed JSON with a 400 problem that does not echo the body', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"secret": "06 12 34 56 78"',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('06 12');
    expect(ProblemDetails.parse(JSON.parse(text)).title).toBe('Requête invalide');
  });

  it('describes every route of the contracts in its OpenAPI document', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/recommendations',
        '/api/offers/{id}',
        '/api/offers/search',
        '/api/guardrail/check',
      ]),
    );
    expect(JSON.stringify(document.paths['/api/recommendations'])).toContain('mobilityKm');
  });

  it('reports the database down instead of failing', async () => {
    const closed = await openTestDatabase();
    const down = await listen((await buildTestApp(closed)).app);
    await closed.close();
    const response = await fetch(`${down.url}/api/health`);
    await down.close();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'down', database: 'down' });
  });
});
