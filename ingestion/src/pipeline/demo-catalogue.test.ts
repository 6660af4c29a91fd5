import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestSummary, Offer } from '@reco/contracts';
import { CatalogueRepository, type Database, openDatabase } from '@reco/db';
import { loadReferentials } from '@reco/referentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/catalogue-files';
import { buildDemoCatalogue, DEMO_MANIFEST_FILE } from '../demo/build-demo-catalogue';
import type { DefectClass, DemoManifest } from '../demo/manifest';
import { BuiltinCatalogueEmbedding } from './catalogue-embedding';
import { ingest } from './ingest';

const referentials = loadReferentials();
const REFERENCE_DATE = '2026-12-01';

/** Defects that must end in quarantine, and the words their quarantine reason carries. */
const QUARANTINED: Partial<Record<DefectClass, RegExp>> = {
  missing_id: /numero|id/i,
  duplicate_id: /duplicate/i,
  impossible_date: /date/i,
  too_few_columns: /column|field/i,
  text_in_numeric_column: /number|numeric/i,
  invalid_item: /type|invalid/i,
  truncated_file: /truncat|unexpected|incomplete|json/i,
};

describe('the demo catalogue through the normal pipeline', () => {
  let db: Database;
  let manifest: DemoManifest;
  let summary: IngestSummary;
  const defects = (defect: DefectClass) =>
    manifest.files.reduce((sum, file) => sum + (file.defects[defect] ?? 0), 0);
  const offers = async () =>
    (await db.query<{ doc: Offer }>("SELECT doc FROM offers WHERE status = 'active'")).map((row) => row.doc);

  beforeAll(async () => {
    const dir = tempDir();
    manifest = await buildDemoCatalogue({
      referentials,
      outDir: dir,
      referenceDate: REFERENCE_DATE,
      scale: 0.1,
    });
    db = await openDatabase({});
    const catalogue = new CatalogueRepository(db);
    const files = readdirSync(dir)
      .filter((name) => name !== DEMO_MANIFEST_FILE)
      .map((name) => ({ path: join(dir, name) }));
    summary = await ingest(
      {
        catalogue,
        referentials,
        referenceDate: REFERENCE_DATE,
        embedding: new BuiltinCatalogueEmbedding(catalogue),
      },
      files,
    );
  });
  afterAll(() => db.close());

  it('accounts for every record read: ingested or quarantined', () => {
    const records = Object.values(manifest.recordsByFormat).reduce((sum, count) => sum + count, 0);
    expect(summary.read).toBeGreaterThanOrEqual(records);
    expect(summary.ingested + summary.quarantined).toBe(summary.read);
  });

  it('quarantines each defect class with its reason', async () => {
    const reasons = (await db.query<{ reason: string }>('SELECT reason FROM quarantine')).map(
      (row) => row.reason,
    );
    for (const [defect, pattern] of Object.entries(QUARANTINED)) {
      if (defects(defect as DefectClass) === 0) continue;
      expect(
        reasons.some((reason) => pattern.test(reason)),
        `${defect} quarantined`,
      ).toBe(true);
    }
    expect(summary.quarantined).toBeGreaterThanOrEqual(
      Object.keys(QUARANTINED).reduce((sum, defect) => sum + Math.min(defects(defect as DefectClass), 1), 0),
    );
  });

  it('drops unknown codes and invalid SIRETs with a flag instead of losing the offer', async () => {
    const all = await offers();
    const flagged = (flag: string) =>
      all.filter((offer) => offer.qualityFlags.includes(flag as never)).length;
    expect(defects('unknown_formacode') + defects('unknown_rome')).toBeGreaterThan(0);
    expect(flagged('unknown_code_dropped')).toBeGreaterThanOrEqual(1);
    expect(
      all.every((offer) => !offer.formacodes.includes('99998') && !offer.romeCodes.includes('A9999')),
    ).toBe(true);
    if (defects('invalid_siret') > 0) expect(flagged('invalid_siret_dropped')).toBeGreaterThanOrEqual(1);
  });

  it('shows a training published by LHEO and Mon Compte Formation once, with both provenances', async () => {
    expect(manifest.crossProducerDuplicates.length).toBeGreaterThan(0);
    const all = await offers();
    const offerOfSource = new Map(
      all.flatMap((offer) =>
        offer.sources.map((source) => [`${source.source}:${source.sourceId}`, offer] as const),
      ),
    );
    for (const pair of manifest.crossProducerDuplicates) {
      const offer = offerOfSource.get(`mcf:${pair.mcf}`);
      expect(
        offer?.sources.some((source) => source.source === 'lheo'),
        pair.mcf,
      ).toBe(true);
    }
    const mergedMcf = new Set(manifest.crossProducerDuplicates.map((pair) => pair.mcf));
    expect(summary.merged).toBe(mergedMcf.size);
  });

  it('keeps prompt-injection texts as inert data and drops staff contacts', async () => {
    const all = await offers();
    const ids = new Set(all.flatMap((offer) => offer.sources.map((s) => `${s.source}:${s.sourceId}`)));
    for (const injection of manifest.promptInjections) {
      expect(ids.has(`${injection.source}:${injection.sourceId}`)).toBe(true);
    }
    expect(JSON.stringify(all)).not.toMatch(/@[\w.-]+\.example\b/);
  });

  it('gives every offer ROME codes when it has a certification or a known Formacode', async () => {
    const all = await offers();
    const placeable = all.filter((offer) => offer.certification?.rncp || offer.certification?.certifInfo);
    const withRome = placeable.filter((offer) => offer.romeCodes.length > 0);
    expect(withRome.length / placeable.length).toBeGreaterThan(0.97);
    expect(
      all.every((offer) => offer.location.precision !== 'departement' || offer.sources[0]?.source === 'mcf'),
    ).toBe(true);
  });
});
