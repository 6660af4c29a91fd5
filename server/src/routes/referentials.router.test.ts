import { CommuneSuggestion, JobSuggestion, ProblemDetails } from '@reco/contracts';
import type { Database } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDatabase } from '../../../db/test/test-databases';
import { loginAs, type TestSession } from '../../test/login';
import { buildTestApp, listen } from '../../test/test-app';
import { createAccount } from '../auth/user-accounts';

const COUNSELLOR = {
  username: 'claire.martin',
  password: 'correct horse battery',
  role: 'counsellor',
} as const;

describe('GET /api/referentials/communes and /jobs', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof listen>>;
  let session: TestSession;

  beforeAll(async () => {
    db = await openTestDatabase();
    const { app, services } = await buildTestApp(db);
    await createAccount(
      services.auth.users,
      services.auth.hasher,
      { ...COUNSELLOR, team: null },
      { allowShortPassword: false },
    );
    server = await listen(app);
    session = await loginAs(server.url, COUNSELLOR.username, COUNSELLOR.password);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const get = (path: string, withSession = true) =>
    fetch(`${server.url}${path}`, { headers: withSession ? { cookie: session.cookie } : {} });
  const communes = async (q: string) => {
    const response = await get(`/api/referentials/communes?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return z
      .array(CommuneSuggestion)
      .max(10)
      .parse(await response.json());
  };
  const jobs = async (q: string) => {
    const response = await get(`/api/referentials/jobs?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return z
      .array(JobSuggestion)
      .max(10)
      .parse(await response.json());
  };

  it('finds communes by the start of their name, accents and hyphens aside, most populated first', async () => {
    const found = await communes('villeurb');
    expect(found[0]).toEqual({
      inseeCode: '69266',
      name: 'Villeurbanne',
      postcode: '69100',
      departement: '69',
    });
    const saint = await communes('st etienne');
    expect(saint[0]).toMatchObject({ inseeCode: '42218', name: 'Saint-Étienne' });
    expect(await communes('Lyon')).toContainEqual(expect.objectContaining({ inseeCode: '69123' }));
  });

  it('finds communes by postcode, giving the postcode that matched', async () => {
    const found = await communes('69003');
    expect(found.map((c) => c.postcode)).toEqual(found.map(() => '69003'));
    expect(found.map((c) => c.name)).toContain('Lyon');
    const prefix = await communes('690');
    expect(prefix.length).toBe(10);
    expect(prefix.every((c) => c.postcode.startsWith('690'))).toBe(true);
  });

  it('suggests ROME job titles with their code, typos and abbreviations included', async () => {
    expect((await jobs('cariste'))[0]).toEqual({
      label: 'Cariste',
      romeCode: 'N1101',
      romeLabel: expect.any(String),
    });
    expect((await jobs('aide soi'))[0]).toMatchObject({ romeCode: 'J1501' });
    expect((await jobs('dev web'))[0]).toMatchObject({ romeCode: 'M1855' });
    const boulang = await jobs('boulang');
    expect(boulang.length).toBeGreaterThan(3);
    expect(boulang[0]?.label).toBe('Boulanger / Boulangère');
    expect(new Set(boulang.map((job) => job.label)).size).toBe(boulang.length);
    // What is typed is the start of the title: it comes before the resolver's looser matches.
    expect((await jobs('caris'))[0]).toMatchObject({ label: 'Cariste', romeCode: 'N1101' });
  });

  it('refuses a query shorter than two characters with a problem naming the field', async () => {
    const response = await get('/api/referentials/jobs?q=a');
    expect(response.status).toBe(422);
    expect(ProblemDetails.parse(await response.json()).detail).toContain('q');
  });

  it('answers only signed-in users', async () => {
    for (const path of ['/api/referentials/communes?q=lyon', '/api/referentials/jobs?q=cariste']) {
      const response = await get(path, false);
      expect(response.status).toBe(401);
    }
  });
});
