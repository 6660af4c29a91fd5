import { CatalogueRepository, type Database } from '@reco/db';
import { BuiltinCatalogueEmbedding, ingest } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { type LheoFormationSpec, tempDir, writeLheo } from '../../../ingestion/test/catalogue-files';

/** For tests: a tiny catalogue around Lyon, and two offers far from it that no Lyon request retrieves. */
const LYON = { inseeCode: '69383', postcode: '69003', city: 'Lyon' };
const MARSEILLE = { inseeCode: '13201', postcode: '13001', city: 'Marseille' };
const NICE = { inseeCode: '06088', postcode: '06000', city: 'Nice' };

const formation = (
  numero: string,
  title: string,
  objectives: string,
  rncp: string,
  formacode: string,
  place = LYON,
): LheoFormationSpec => ({
  numero: `F-${numero}`,
  title,
  objectives,
  rncp,
  formacode,
  siret: '41816609600069',
  provider: `Organisme ${numero}`,
  actions: [{ numero, ...place, sessions: [['20270111', '20270326']], hours: 280, price: 2500 }],
});

/** Offers retrieved for a jobseeker near Lyon (30 km): `lheo:CARISTE`, `lheo:PREPA`, `lheo:AS`, `lheo:WEB`. */
export const NEAR_OFFERS = ['lheo:CARISTE', 'lheo:PREPA', 'lheo:AS', 'lheo:WEB'] as const;
/** Active offers too far to be suggested to a Lyon jobseeker: what a counsellor may add. */
export const FAR_OFFERS = ['lheo:MARS', 'lheo:NICE'] as const;

export async function ingestTinyCatalogue(db: Database, referenceDate = '2026-12-01'): Promise<void> {
  const catalogue = new CatalogueRepository(db);
  const dir = tempDir();
  await ingest(
    {
      catalogue,
      referentials: loadReferentials(),
      embedding: new BuiltinCatalogueEmbedding(catalogue),
      referenceDate,
    },
    [
      {
        path: writeLheo(dir, 'offres.xml', [
          formation(
            'CARISTE',
            "Titre professionnel cariste d'entrepôt",
            'Conduire des chariots élévateurs.',
            'RNCP34857',
            '31768',
          ),
          formation(
            'PREPA',
            'Préparateur de commandes en entrepôt',
            'Préparer des commandes en entrepôt.',
            'RNCP34860',
            '31743',
          ),
          formation(
            'AS',
            "Diplôme d'État d'aide-soignant",
            'Soins d’hygiène et de confort du patient.',
            'RNCP35830',
            '43436',
          ),
          formation(
            'WEB',
            'Développeur web et web mobile',
            'Développer des applications web.',
            'RNCP31114',
            '46207',
          ),
          formation(
            'MARS',
            'Cariste en entrepôt portuaire',
            'Conduire des chariots sur le port.',
            'RNCP34857',
            '31768',
            MARSEILLE,
          ),
          formation(
            'NICE',
            'Préparateur de commandes logistique',
            'Préparer des commandes.',
            'RNCP34860',
            '31743',
            NICE,
          ),
        ]),
      },
    ],
  );
}
