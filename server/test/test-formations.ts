import { CatalogueRepository, type Database } from '@reco/db';
import { BuiltinCatalogueEmbedding, ingest } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { type LheoFormationSpec, tempDir, writeLheo } from '../../ingestion/test/catalogue-files';

/** Places of the server tests' small catalogues: the jobseeker lives in Villeurbanne, next to Lyon. */
export const LYON = { inseeCode: '69383', postcode: '69003', city: 'Lyon' };
export const VILLEURBANNE = { inseeCode: '69266', postcode: '69100', city: 'Villeurbanne' };
export const MARSEILLE = { inseeCode: '13201', postcode: '13001', city: 'Marseille' };
export const NICE = { inseeCode: '06088', postcode: '06000', city: 'Nice' };

/** One LHEO training, id `lheo:<numero>`, with one session in early 2027: ahead of the tests' clocks. */
export function formation(
  numero: string,
  title: string,
  objectives: string,
  rncp: string,
  formacode: string,
  place = LYON,
): LheoFormationSpec {
  return {
    numero: `F-${numero}`,
    title,
    objectives,
    rncp,
    formacode,
    siret: '41816609600069',
    provider: `Organisme ${numero}`,
    actions: [{ numero, ...place, sessions: [['20270111', '20270326']], hours: 280, price: 2500 }],
  };
}

/** Ingests the trainings through the real pipeline and the built-in embedder, as one LHEO file. */
export async function ingestFormations(
  db: Database,
  formations: LheoFormationSpec[],
  referenceDate = '2026-12-01',
): Promise<void> {
  const catalogue = new CatalogueRepository(db);
  await ingest(
    {
      catalogue,
      referentials: loadReferentials(),
      embedding: new BuiltinCatalogueEmbedding(catalogue),
      referenceDate,
    },
    [{ path: writeLheo(tempDir(), 'offres.xml', formations) }],
  );
}
