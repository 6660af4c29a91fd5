import type { Database } from '@reco/db';
import { formation, ingestFormations } from '../test-formations';

/** The fault suites' clock: the catalogue's sessions are ahead of it. */
export const FAULT_NOW = new Date('2026-12-01T09:00:00Z');

/** A counsellor's request that retrieval answers from the catalogue below. */
export const A_REQUEST = {
  profile: { location: { inseeCode: '69266' }, mobilityKm: 30 },
  prompt: 'Reconversion vers la logistique, devenir cariste ou préparateur de commandes',
};

/** Ingests a small catalogue through the real pipeline; returns the ids of its offers. */
export async function ingestFaultCatalogue(db: Database): Promise<string[]> {
  await ingestFormations(
    db,
    [
      formation(
        'CARISTE',
        "Titre professionnel cariste d'entrepôt",
        'Conduire des chariots.',
        'RNCP34857',
        '31768',
      ),
      formation(
        'PREPA',
        'Préparateur de commandes en entrepôt',
        'Préparer des commandes.',
        'RNCP34860',
        '31743',
      ),
      formation(
        'MAGASIN',
        'Agent magasinier',
        'Réceptionner et stocker des marchandises.',
        'RNCP34858',
        '31743',
      ),
      formation(
        'AS',
        "Diplôme d'État d'aide-soignant",
        'Soins d’hygiène et de confort.',
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
    ],
    FAULT_NOW.toISOString().slice(0, 10),
  );
  return (await db.query<{ id: string }>('SELECT id FROM offers ORDER BY id')).map((row) => row.id);
}
