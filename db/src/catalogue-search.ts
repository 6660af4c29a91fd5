import type { Offer, OfferKind } from '@reco/contracts';
import type { Database, Queryable } from './database';

export interface SearchOrigin {
  lat: number;
  lon: number;
  /** The jobseeker's département: offers located only by département are eligible in their own. */
  departement?: string;
}

/** Where the jobseeker can go: offers beyond `radiusKm` are left out unless followed remotely. */
export interface SearchArea {
  origin: SearchOrigin;
  radiusKm: number;
}

/** The conditions every candidate must meet, whichever list (vector, full text, ROME) it comes from. */
export interface SearchFilters {
  /** YYYY-MM-DD: a session that ended before this date is over. */
  referenceDate: string;
  /** Absent: the whole catalogue, wherever it is. */
  area?: SearchArea;
  /** YYYY-MM-DD: the jobseeker cannot start before; an offer needs a session still running then. */
  availableFrom?: string;
  modality?: 'any' | 'in_person' | 'remote';
  /** Offers whose cost is unknown are kept: their facts say so, and the counsellor checks. */
  maxCostEur?: number;
  cpfOnly?: boolean;
  kinds?: readonly OfferKind[];
}

export interface CandidateRow {
  id: string;
  offer: Offer;
  /** Higher is better; comparable only within one list. */
  score: number;
  /**
   * Kilometres from the origin to the offer's point or commune, or to the centre of its département
   * when that is all that is known (see `offer.location.precision`); null online or without origin.
   */
  distanceKm: number | null;
}

export interface OfferSearch {
  q: string;
  area?: SearchArea;
  limit?: number;
}

/**
 * A département is wide: one whose centre lies a little beyond the radius may still have its training
 * close by. Such offers are kept, and reported with their département, never as an exact distance.
 */
const DEPARTEMENT_MARGIN_KM = 25;

/** Offers followed at a distance: eligible wherever they are, unless attendance is required. */
const FOLLOWED_REMOTELY = "(o.location_precision = 'online' OR o.modality = 'remote')";

const EARTH_RADIUS_KM = 6371;

/**
 * ts_rank's normalisation of the candidates' full-text rank: 1, divided by log2(1 + the offer's
 * length in words) (a longer text matches more words of an OR query by chance, not by relevance);
 * 32, scaled to rank / (rank + 1), so that the request's and the focus's ranks add up within bounds.
 */
const FULL_TEXT_NORMALISATION = 1 | 32;

/**
 * Words of a counsellor's request that say nothing about the training sought ("devenir", "près de",
 * "disponible en septembre", "titre professionnel"): left in, they would match much of the catalogue.
 */
const REQUEST_NOISE_WORDS = `
  formation formations formé former formateur devenir souhaite souhaiter souhaiterait voudrait vouloir veut
  aimerait cherche chercher recherche trouver proposer propose passer faire suivre reprendre retrouver
  commencer démarrer travailler travail poste emploi métier métiers projet reconversion vers près proche
  autour environ km kilomètres personne demandeur demandeuse candidat candidate bénéficiaire conseiller
  conseillère possible besoin idéalement rapidement vite bientôt disponible disponibilité dès depuis après
  avant an ans année années mois semaine semaines jour jours janvier février mars avril mai juin juillet
  août septembre octobre novembre décembre deux trois quatre cinq six sept huit neuf dix ancien ancienne
  actuellement expérience niveau professionnel professionnelle titre diplôme certification cpf financement
`;

/** Retrieval queries over the catalogue: the candidate lists of hybrid retrieval, and the counsellor's search. */
export class CatalogueSearch {
  constructor(private readonly db: Database) {}

  /**
   * The offers nearest to `vector` for this embedding model, through the model's HNSW index. The
   * filters are checked as the index is walked: iterative scans keep walking until `limit` offers
   * pass them, instead of filtering a fixed first batch down to nothing.
   */
  async vectorCandidates(
    modelId: string,
    dimensions: number,
    vector: Float32Array,
    filters: SearchFilters,
    limit: number,
  ): Promise<CandidateRow[]> {
    const { sql, values } = vectorQuery(modelId, dimensions, vector, filters, limit);
    return this.db.transaction(async (tx) => {
      await useIterativeIndexScan(tx, limit);
      return tx.query<CandidateRow>(sql, values);
    });
  }

  /** The plan of `vectorCandidates`, to check that the HNSW index serves it. */
  async explainVectorCandidates(
    modelId: string,
    dimensions: number,
    vector: Float32Array,
    filters: SearchFilters,
    limit: number,
  ): Promise<string> {
    const { sql, values } = vectorQuery(modelId, dimensions, vector, filters, limit);
    return this.db.transaction(async (tx) => {
      await useIterativeIndexScan(tx, limit);
      const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  /**
   * French full-text candidates. A long request must not require every one of its words: the query is
   * an OR of its meaningful lexemes (stemmed, accents removed), and offers that match more of them,
   * and in their title, rank first. The rank is divided by the logarithm of the offer's length, so
   * that a long description does not win by the sheer number of words it can match: the producers'
   * formats differ in length (an LHEO action writes pages, a Mon Compte Formation row a line), and the
   * format must not decide which offers are found. The lexemes of `focus` (the job titles sought)
   * count twice, so that what the jobseeker did before ("dix ans dans la vente") matters less than
   * what they want to do.
   */
  async fullTextCandidates(
    text: string,
    filters: SearchFilters,
    limit: number,
    focus = '',
  ): Promise<CandidateRow[]> {
    const params = new SqlParameters();
    const noiseParam = params.add(REQUEST_NOISE_WORDS);
    const meaningful = (textParam: string) => `
      SELECT lexeme FROM unnest(tsvector_to_array(to_tsvector('fr_unaccent', ${textParam}))) AS lexeme
       WHERE length(lexeme) >= 2
         AND lexeme <> ALL (tsvector_to_array(to_tsvector('fr_unaccent', ${noiseParam})))`;
    const requestLexemes = meaningful(params.add(text));
    const focusLexemes = meaningful(params.add(focus));
    const where = filterConditions(filters, params);
    const distance = distanceColumn(filters.area, params);
    const limitParam = params.add(limit);
    // Lexemes are quoted for the tsquery input syntax (quotes and backslashes doubled), so that
    // whatever the parser kept (URLs, paths, apostrophes) stays one literal lexeme.
    const anyOf = (lexemes: string) =>
      `(SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')
          FROM (${lexemes}) AS lexemes)::tsquery`;
    const sql = `
      WITH request AS (
        SELECT ${anyOf(`${requestLexemes} UNION ${focusLexemes}`)} AS query, ${anyOf(focusLexemes)} AS focus
      )
      SELECT o.id, o.doc AS offer,
             (ts_rank(o.search_tsv, request.query, ${FULL_TEXT_NORMALISATION})
               + coalesce(ts_rank(o.search_tsv, request.focus, ${FULL_TEXT_NORMALISATION}), 0))::float8 AS score,
             ${distance} AS "distanceKm"
        FROM request JOIN offers o ON o.search_tsv @@ request.query
       WHERE ${where}
       ORDER BY score DESC, o.id
       LIMIT ${limitParam}`;
    return this.db.query<CandidateRow>(sql, params.values);
  }

  /**
   * Offers that lead to one of `romeCodes`. The earlier the code in the list (the counsellor's first
   * target first) and in the offer's own codes (its main job first), the better; the similarity of the
   * title to `titleHint` (the job titles sought) breaks ties.
   */
  async romeCandidates(
    romeCodes: readonly string[],
    filters: SearchFilters,
    limit: number,
    titleHint = '',
  ): Promise<CandidateRow[]> {
    if (romeCodes.length === 0) return [];
    const params = new SqlParameters();
    const codesParam = params.add([...romeCodes]);
    const hintParam = params.add(titleHint);
    const where = filterConditions(filters, params);
    const distance = distanceColumn(filters.area, params);
    const limitParam = params.add(limit);
    const sql = `
      SELECT o.id, o.doc AS offer,
             (best.match + 0.25 * similarity(o.title, ${hintParam}))::float8 AS score,
             ${distance} AS "distanceKm"
        FROM offers o
       CROSS JOIN LATERAL (
         SELECT max(1.0 / (target.ordinal + array_position(o.rome_codes, target.code) - 1))::float8 AS match
           FROM unnest(${codesParam}::text[]) WITH ORDINALITY AS target(code, ordinal)
          WHERE target.code = ANY (o.rome_codes)
       ) AS best
       WHERE o.rome_codes && ${codesParam}::text[] AND ${where}
       ORDER BY score DESC, o.id
       LIMIT ${limitParam}`;
    return this.db.query<CandidateRow>(sql, params.values);
  }

  /**
   * The offers with these ids, in the order asked; retired ones too, so that suggestions already
   * made can still be shown. Unknown ids are left out.
   */
  async offersByIds(ids: readonly string[]): Promise<Offer[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string; doc: Offer }>(
      'SELECT id, doc FROM offers WHERE id = ANY($1::text[])',
      [[...ids]],
    );
    const byId = new Map(rows.map((row) => [row.id, row.doc]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The counsellor's own search box: offers with every word of `q` (French full text), then, when
   * they are too few, offers whose title has a word close to one of `q`'s despite a typo (trigrams).
   * Offers whose sessions are over are found too, as the counsellor may be looking for one; only the
   * place restricts them.
   */
  async searchOffers({ q, area, limit = 20 }: OfferSearch): Promise<CandidateRow[]> {
    const found = await this.searchByWords(q, area, limit);
    if (found.length >= limit) return found;
    const near = await this.searchByTitleSpelling(
      q,
      area,
      limit - found.length,
      found.map((row) => row.id),
    );
    return [...found, ...near];
  }

  private searchByWords(q: string, area: SearchArea | undefined, limit: number): Promise<CandidateRow[]> {
    const params = new SqlParameters();
    const qParam = params.add(q);
    const place = area ? `(${FOLLOWED_REMOTELY} OR ${withinReach(area, params)})` : 'TRUE';
    const distance = distanceColumn(area, params);
    const limitParam = params.add(limit);
    return this.db.query<CandidateRow>(
      `WITH request AS (SELECT websearch_to_tsquery('fr_unaccent', ${qParam}) AS query)
       SELECT o.id, o.doc AS offer, ts_rank_cd(o.search_tsv, request.query, 32)::float8 AS score,
              ${distance} AS "distanceKm"
         FROM request JOIN offers o ON o.search_tsv @@ request.query
        WHERE o.status = 'active' AND ${place}
        ORDER BY score DESC, o.id
        LIMIT ${limitParam}`,
      params.values,
    );
  }

  private searchByTitleSpelling(
    q: string,
    area: SearchArea | undefined,
    limit: number,
    excludedIds: readonly string[],
  ): Promise<CandidateRow[]> {
    const params = new SqlParameters();
    const qParam = params.add(q);
    const excludedParam = params.add([...excludedIds]);
    const place = area ? `(${FOLLOWED_REMOTELY} OR ${withinReach(area, params)})` : 'TRUE';
    const distance = distanceColumn(area, params);
    const limitParam = params.add(limit);
    return this.db.transaction(async (tx) => {
      // Whole words of the title, half their trigrams in common at least: "soigante" finds
      // "aide-soignant" (0.58) but "cariste" does not find "coloriste" (0.38).
      await tx.query(`SELECT set_config('pg_trgm.strict_word_similarity_threshold', '0.5', true)`);
      return tx.query<CandidateRow>(
        `SELECT o.id, o.doc AS offer, strict_word_similarity(${qParam}, o.title)::float8 AS score,
                ${distance} AS "distanceKm"
           FROM offers o
          WHERE ${qParam} <<% o.title AND o.status = 'active' AND o.id <> ALL (${excludedParam}::text[])
            AND ${place}
          ORDER BY score DESC, o.id
          LIMIT ${limitParam}`,
        params.values,
      );
    });
  }
}

/** Positional parameters: every value from a caller goes through here, never into the SQL text. */
class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function vectorQuery(
  modelId: string,
  dimensions: number,
  vector: Float32Array,
  filters: SearchFilters,
  limit: number,
): { sql: string; values: unknown[] } {
  if (!Number.isInteger(dimensions) || dimensions <= 0 || vector.length !== dimensions) {
    throw new Error(`a ${dimensions}-dimension query vector was expected, got ${vector.length} values`);
  }
  const params = new SqlParameters();
  const vectorParam = params.add(vectorLiteral(vector));
  const modelParam = params.add(modelId);
  const common = commonConditions(filters, params);
  const distance = distanceColumn(filters.area, params);
  const limitParam = params.add(limit);
  // The same expression and model predicate as the model's partial HNSW index (ensureVectorIndex),
  // or the planner cannot use it.
  const cosineDistance = `e.embedding::vector(${dimensions}) <=> ${vectorParam}::vector(${dimensions})`;
  // Offers within reach and offers followed remotely are searched apart: the first are few, and read
  // exactly; the second are found anywhere in the country, through the index. Together, the
  // planner's estimate of the rows passing is so far off that it reads every remote offer.
  const places = !filters.area
    ? ['TRUE']
    : [
        `NOT ${FOLLOWED_REMOTELY} AND ${withinReach(filters.area, params)}`,
        ...(filters.modality === 'in_person' ? [] : [FOLLOWED_REMOTELY]),
      ];
  const nearest = places.map(
    (place, index) => `nearest_${index} AS MATERIALIZED (
      SELECT o.id, o.doc, ${cosineDistance} AS cosine_distance, ${distance} AS "distanceKm"
        FROM offer_embeddings e JOIN offers o ON o.id = e.offer_id
       WHERE e.model_id = ${modelParam} AND ${common} AND ${place}
       ORDER BY ${cosineDistance}
       LIMIT ${limitParam})`,
  );
  // Iterative scans in relaxed order return the nearest slightly out of order: sorted again here.
  const sql = `
    WITH ${nearest.join(',\n')}
    SELECT id, doc AS offer, (1 - cosine_distance)::float8 AS score, "distanceKm"
      FROM (${places.map((_, index) => `SELECT * FROM nearest_${index}`).join(' UNION ALL ')}) AS nearest
     ORDER BY cosine_distance, id
     LIMIT ${limitParam}`;
  return { sql, values: params.values };
}

/** Sets, for the current transaction only, how the HNSW index is walked. */
async function useIterativeIndexScan(tx: Queryable, limit: number): Promise<void> {
  await tx.query(
    `SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true),
            set_config('hnsw.ef_search', $1, true)`,
    [String(Math.min(1000, Math.max(40, Math.trunc(limit))))],
  );
}

/** The AND of every filter, on the offers aliased `o`. */
function filterConditions(filters: SearchFilters, params: SqlParameters): string {
  const common = commonConditions(filters, params);
  if (!filters.area) return common;
  const reach = withinReach(filters.area, params);
  return `${common} AND ${filters.modality === 'in_person' ? reach : `(${FOLLOWED_REMOTELY} OR ${reach})`}`;
}

/** Every filter but the place. */
function commonConditions(filters: SearchFilters, params: SqlParameters): string {
  const conditions = ["o.status = 'active'"];
  const startDate =
    filters.availableFrom && filters.availableFrom > filters.referenceDate
      ? filters.availableFrom
      : filters.referenceDate;
  // No known end date (none given, or start dates only): kept, the counsellor checks with the provider.
  conditions.push(`(o.last_session_end IS NULL OR o.last_session_end >= ${params.add(startDate)}::date)`);
  if (filters.modality === 'in_person') {
    conditions.push("o.modality IN ('in_person', 'blended') AND o.location_precision <> 'online'");
  } else if (filters.modality === 'remote') {
    conditions.push("(o.modality IN ('remote', 'blended') OR o.location_precision = 'online')");
  }
  if (filters.maxCostEur !== undefined) {
    conditions.push(`(o.cost_eur IS NULL OR o.cost_eur <= ${params.add(filters.maxCostEur)}::float8)`);
  }
  if (filters.cpfOnly) conditions.push('o.cpf');
  if (filters.kinds && filters.kinds.length > 0) {
    conditions.push(`o.kind = ANY (${params.add([...filters.kinds])}::text[])`);
  }
  return conditions.join(' AND ');
}

/**
 * Offers in places the jobseeker can reach: a point or commune within the radius (a bounding box on
 * the (lat, lon) index first, then the exact distance); an offer known only by its département when
 * it is the jobseeker's, or when its centre is within the radius plus a margin.
 */
function withinReach(area: SearchArea, params: SqlParameters): string {
  const { origin, radiusKm } = area;
  const near = (km: number) => {
    const box = boundingBox(origin, km);
    return `o.lat BETWEEN ${params.add(box.minLat)}::float8 AND ${params.add(box.maxLat)}::float8
        AND o.lon BETWEEN ${params.add(box.minLon)}::float8 AND ${params.add(box.maxLon)}::float8
        AND ${haversineKm(origin, params)} <= ${params.add(km)}::float8`;
  };
  const ownDepartement = origin.departement ? `o.departement = ${params.add(origin.departement)} OR ` : '';
  return `((o.location_precision IN ('point', 'commune') AND ${near(radiusKm)})
       OR (o.location_precision = 'departement' AND (${ownDepartement}(${near(radiusKm + DEPARTEMENT_MARGIN_KM)}))))`;
}

function distanceColumn(area: SearchArea | undefined, params: SqlParameters): string {
  if (!area) return 'NULL::float8';
  return `CASE WHEN o.location_precision = 'online' OR o.lat IS NULL OR o.lon IS NULL THEN NULL
               ELSE ${haversineKm(area.origin, params)} END`;
}

/** Great-circle distance in km from the origin to the offer's (lat, lon). */
function haversineKm(origin: SearchOrigin, params: SqlParameters): string {
  const lat = `${params.add(origin.lat)}::float8`;
  const lon = `${params.add(origin.lon)}::float8`;
  return `(${2 * EARTH_RADIUS_KM} * asin(least(1, sqrt(
      power(sin(radians(o.lat - ${lat}) / 2), 2)
      + cos(radians(${lat})) * cos(radians(o.lat)) * power(sin(radians(o.lon - ${lon}) / 2), 2)))))`;
}

/**
 * The smallest latitude/longitude box holding every point within `km` of the origin. The widest
 * longitude is reached poleward of the origin's latitude, hence the arcsine rather than a division.
 */
function boundingBox(origin: SearchOrigin, km: number) {
  const angle = km / EARTH_RADIUS_KM;
  const latitude = (origin.lat * Math.PI) / 180;
  const latDelta = (angle * 180) / Math.PI;
  const lonDelta =
    Math.sin(angle) >= Math.cos(latitude)
      ? 180
      : (Math.asin(Math.sin(angle) / Math.cos(latitude)) * 180) / Math.PI;
  return {
    minLat: origin.lat - latDelta,
    maxLat: origin.lat + latDelta,
    minLon: origin.lon - lonDelta,
    maxLon: origin.lon + lonDelta,
  };
}

function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector, (value) => (Number.isFinite(value) ? value : 0)).join(',')}]`;
}
