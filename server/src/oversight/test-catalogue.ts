import type { Database } from '@reco/db';
import { formation, ingestFormations, MARSEILLE, NICE } from '../../test/test-formations';

/** Offers retrieved for a jobseeker near Lyon (30 km): `lheo:CARISTE`, `lheo:PREPA`, `lheo:AS`, `lheo:WEB`. */
export const NEAR_OFFERS = ['lheo:CARISTE', 'lheo:PREPA', 'lheo:AS', 'lheo:WEB'] as const;
/** Active offers too far to be suggested to a Lyon jobseeker: what a counsellor may add. */
export const FAR_OFFERS = ['lheo:MARS', 'lheo:NICE'] as const;

/** For tests: a tiny catalogue around Lyon, and two offers far from it that no Lyon request retrieves. */
export function ingestTinyCatalogue(db: Database, referenceDate = '2026-12-01'): Promise<void> {
  return ingestFormations(
    db,
    [
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
    ],
    referenceDate,
  );
}
