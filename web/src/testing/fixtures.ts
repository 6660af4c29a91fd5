import type {
  OfferSearchResult,
  OversightResponse,
  RecommendationResponse,
  Suggestion,
} from '@reco/contracts';

type CatalogueOffer = OfferSearchResult['offers'][number];

/** A suggestion as the API sends it, with overridable parts. */
export function aSuggestion(overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    offerId: 'lheo:AF-1',
    rank: 1,
    kind: 'training',
    title: 'Titre professionnel cariste d’entrepôt',
    provider: { name: 'Organisme de formation du Rhône' },
    location: { precision: 'commune', city: 'Villeurbanne', postcode: '69100', inseeCode: '69266' },
    sessions: [{ start: '2027-01-11', end: '2027-03-26', expired: false }],
    facts: {
      distanceKm: 12.4,
      locationPrecision: 'commune',
      nextSessionStart: '2027-01-11',
      nextSessionEnd: '2027-03-26',
      durationHours: 280,
      costEur: 2500,
      cpf: true,
      modality: 'in_person',
      matchedRomeCodes: [{ code: 'N1101', label: 'Conduite d’engins de déplacement des charges' }],
      matchedSkills: ['Conduire un chariot élévateur'],
      certification: { label: 'Cariste d’entrepôt', level: 3 },
    },
    explanation: { text: 'Mène au métier de cariste visé, à 12 km.', generatedBy: 'llm' },
    sources: [{ source: 'lheo', sourceId: 'AF-1' }],
    ...overrides,
  };
}

export const REQUEST_ID = '6f0c3c36-5b0f-4f5e-9f59-1b1a4c1e8d01';
export const CONVERSATION_ID = '0b8a2d34-3c1e-4c1b-8a5e-2f0e7a9c6d11';

export function aResponse(overrides: Partial<RecommendationResponse> = {}): RecommendationResponse {
  return {
    requestId: REQUEST_ID,
    conversationId: CONVERSATION_ID,
    mode: 'llm',
    promptVersion: 'reco-v1',
    model: 'mixtral',
    guardrail: { decision: 'allow', categories: [], findings: [] },
    suggestions: [aSuggestion()],
    ...overrides,
  };
}

/** An offer as the catalogue search returns it. */
export function anOffer(overrides: Partial<CatalogueOffer> = {}): CatalogueOffer {
  return {
    id: 'mcf:FORM-9',
    kind: 'training',
    title: 'CACES R489 catégories 1, 3 et 5',
    provider: { name: 'Centre logistique de l’Est lyonnais', siret: '41816609600069' },
    formacodes: ['31768'],
    romeCodes: ['N1101'],
    nsfCodes: [],
    location: { precision: 'departement', departement: '69' },
    sessions: [
      { start: '2026-01-05', end: '2026-01-09', expired: true },
      { start: '2027-02-01', end: '2027-02-05', expired: false },
      { start: '2027-01-18', end: '2027-01-22', expired: false },
    ],
    durationHours: 35,
    costEur: 0,
    funding: { cpf: true },
    modality: 'in_person',
    sources: [{ source: 'mcf', sourceId: 'FORM-9' }],
    qualityFlags: ['location_departement_only'],
    contentHash: 'abc',
    distanceKm: 18,
    ...overrides,
  };
}

const oversightSlice = {
  requests: 40,
  decidedRequests: 30,
  firstSuggestionShare: 0.5,
  overrideRate: 0.1,
  degradedShare: 0.25,
  timeToDecideMs: { median: 60_000, p90: 180_000, sample: 30 },
  automationBiasWarning: false,
};

/** The oversight figures as the server sends them: under the 70 % threshold unless told. */
export function anOversight(overrides: Partial<OversightResponse> = {}): OversightResponse {
  return {
    ...oversightSlice,
    period: { from: '2026-11-01', to: '2026-11-30', team: null },
    automationBias: { threshold: 0.7, minDecisions: 20 },
    acceptanceByRank: [
      { rank: 1, shown: 30, retained: 18, rate: 0.6 },
      { rank: 2, shown: 30, retained: 6, rate: 0.2 },
      { rank: 10, shown: 0, retained: 0, rate: null },
    ],
    setAsideReasons: [
      { reason: 'too_far', count: 4 },
      { reason: 'dates', count: 9 },
    ],
    errorReports: [{ kind: 'wrong_fact', count: 2 }],
    guardrailAlerts: [
      { category: 'identifier', warnings: 5, refusals: 0 },
      { category: 'health', warnings: 0, refusals: 3 },
      { category: 'religion', warnings: 0, refusals: 0 },
    ],
    byTeam: [{ ...oversightSlice, team: 'Équipe A' }],
    byWeek: [{ ...oversightSlice, week: '2026-W48' }],
    ...overrides,
  };
}
