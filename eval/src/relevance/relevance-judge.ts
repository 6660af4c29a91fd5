import type { Offer } from '@reco/contracts';
import type { Commune, Referentials } from '@reco/referentials';
import { haversineKm } from './geo';

/** What a query is about: a job (ROME code), where the jobseeker lives and how far they can go. */
export interface RelevanceTarget {
  romeCode: string;
  commune: Commune;
  radiusKm: number;
}

/**
 * The ground truth of the relevance evaluation, written from the definition and the public
 * referentials only: an active offer is relevant to a target when its certification leads to the
 * target's job according to Certif Info or RNCP → ROME (never the offer's own `romeCodes`, which the
 * harmoniser derived and the retriever searches), when the jobseeker can attend it, and when it is not
 * over at the reference date.
 */
export class RelevanceJudge {
  private readonly offersByRomeCode = new Map<string, Offer[]>();

  /** `activeOffers`: the catalogue's active offers (retired ones are never relevant). */
  constructor(
    activeOffers: readonly Offer[],
    private readonly referentials: Referentials,
    private readonly referenceDate: string,
  ) {
    for (const offer of activeOffers) {
      for (const romeCode of certificationRomeCodes(offer, referentials)) {
        const offers = this.offersByRomeCode.get(romeCode);
        if (offers) offers.push(offer);
        else this.offersByRomeCode.set(romeCode, [offer]);
      }
    }
  }

  /** The relevant offers' ids, sorted. */
  relevantOfferIds(target: RelevanceTarget): string[] {
    return (this.offersByRomeCode.get(target.romeCode) ?? [])
      .filter((offer) => this.isReachable(offer, target) && this.isCurrent(offer))
      .map((offer) => offer.id)
      .sort();
  }

  isRelevant(offer: Offer, target: RelevanceTarget): boolean {
    return (
      certificationRomeCodes(offer, this.referentials).has(target.romeCode) &&
      this.isReachable(offer, target) &&
      this.isCurrent(offer)
    );
  }

  /**
   * Followed remotely, anywhere; located by a point or a commune, within the radius; located only by
   * its département, in the jobseeker's own.
   */
  private isReachable(offer: Offer, { commune, radiusKm }: RelevanceTarget): boolean {
    const { location } = offer;
    if (location.precision === 'online' || offer.modality === 'remote') return true;
    if (location.precision === 'departement') return location.departement === commune.departement;
    if (location.lat === undefined || location.lon === undefined) return false;
    return haversineKm(commune, { lat: location.lat, lon: location.lon }) <= radiusKm;
  }

  /** No session at all, or one that has no end date or ends on or after the reference date. */
  private isCurrent(offer: Offer): boolean {
    return (
      offer.sessions.length === 0 ||
      offer.sessions.some((session) => session.end === undefined || session.end >= this.referenceDate)
    );
  }
}

/** The jobs an offer's certification leads to, according to the referentials alone. */
export function certificationRomeCodes(offer: Offer, referentials: Referentials): Set<string> {
  const { certifInfo, rncp } = offer.certification ?? {};
  return new Set([
    ...(certifInfo ? (referentials.certification(certifInfo)?.romeCodes ?? []) : []),
    ...(rncp ? referentials.romeCodesOfRncp(rncp) : []),
  ]);
}
