import { OfferReference, offerRoute, offerSearchRoute } from '@reco/contracts';
import type { CatalogueSearch } from '@reco/db';
import type { Referentials } from '@reco/referentials';
import { Router } from 'express';
import { HttpProblem } from '../http/problem';
import { parseWith } from '../http/validate';

/** The counsellor's own catalogue search, and one offer with its sources. */
export function offersRouter(search: CatalogueSearch, referentials: Referentials): Router {
  const router = Router();

  router.get(offerSearchRoute.path, async (req, res) => {
    const query = parseWith(offerSearchRoute.query, req.query);
    const commune = query.inseeCode ? referentials.commune(query.inseeCode) : undefined;
    if (query.inseeCode && !commune)
      throw new HttpProblem(422, 'Commune inconnue', 'Ce code INSEE est introuvable.');
    const rows = await search.searchOffers({
      q: query.q,
      limit: query.limit,
      ...(commune && {
        area: {
          origin: { lat: commune.lat, lon: commune.lon, departement: commune.departement },
          radiusKm: query.radiusKm ?? 30,
        },
      }),
    });
    res.json({
      offers: rows.map((row) => ({
        ...row.offer,
        ...(row.distanceKm !== null && { distanceKm: Math.round(row.distanceKm * 10) / 10 }),
      })),
    });
  });

  router.get(offerRoute.path, async (req, res) => {
    // An id no offer can have (too long, a NUL byte) is just not found: the database is not asked.
    const id = OfferReference.safeParse(req.params.id);
    const [offer] = id.success ? await search.offersByIds([id.data]) : [];
    if (!offer)
      throw new HttpProblem(404, 'Offre introuvable', 'Cette offre n’existe pas dans le catalogue.');
    res.json(offer);
  });

  return router;
}
