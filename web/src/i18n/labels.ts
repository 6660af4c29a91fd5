import type {
  ErrorReportRequest,
  GuardrailCategory,
  JobseekerProfile,
  Modality,
  OfferKind,
  RecommendationProgress,
  SetAsideReason,
  SourceName,
} from '@reco/contracts';

/** Every French word the interface shows for a code of the API. */

export const CATEGORY_LABELS: Record<GuardrailCategory, string> = {
  health: 'Santé',
  family: 'Situation familiale',
  social_situation: 'Situation sociale',
  criminal: 'Justice',
  origin: 'Origine',
  religion: 'Religion',
  political: 'Opinions politiques',
  union: 'Syndicat',
  sexual_life: 'Vie sexuelle',
  identifier: 'Donnée identifiante',
};

/** A fallback hint per category, when the server's finding carries none (a refused request). */
export const CATEGORY_HINTS: Record<GuardrailCategory, string> = {
  health:
    'Décrivez la contrainte de poste utile (ex. : « sans port de charges lourdes »), pas l’état de santé.',
  family:
    'Indiquez la contrainte utile (horaires, formation à distance, temps de trajet), pas la situation familiale.',
  social_situation: 'Les critères de financement se renseignent dans le profil, pas dans le texte libre.',
  criminal: 'Décrivez le projet professionnel et les contraintes pratiques, sans antécédents judiciaires.',
  origin: 'Indiquez seulement le besoin (ex. : « niveau de français A2, formation FLE »).',
  religion: 'Si c’est utile, indiquez seulement la contrainte d’horaires.',
  political: 'Ne mentionnez ni opinion ni engagement politique.',
  union: 'Ne mentionnez ni appartenance ni mandat syndical.',
  sexual_life: 'Ne mentionnez ni l’orientation sexuelle, ni l’identité de genre, ni la vie sexuelle.',
  identifier: 'Donnée d’identification : elle sera masquée avant tout envoi et ne sera pas conservée.',
};

export const KIND_LABELS: Record<OfferKind, string> = {
  training: 'Formation',
  workshop: 'Atelier',
  event: 'Événement',
};

export const MODALITY_LABELS: Record<Modality, string> = {
  in_person: 'En présentiel',
  blended: 'Mixte (présentiel et à distance)',
  remote: 'À distance',
};

export type ProfileModality = NonNullable<JobseekerProfile['modality']>;

export const PROFILE_MODALITY_LABELS: Record<ProfileModality, string> = {
  any: 'Indifférent',
  in_person: 'En présentiel',
  remote: 'À distance',
};

export const LEVEL_LABELS: Record<number, string> = {
  3: 'Niveau 3 (CAP, BEP)',
  4: 'Niveau 4 (Bac)',
  5: 'Niveau 5 (Bac+2)',
  6: 'Niveau 6 (Bac+3, licence, BUT)',
  7: 'Niveau 7 (Bac+5, master)',
  8: 'Niveau 8 (doctorat)',
};

export const SOURCE_LABELS: Record<SourceName, string> = {
  lheo: 'Carif-Oref (LHEO)',
  mcf: 'Mon Compte Formation',
  partner: 'Partenaire',
};

export const SET_ASIDE_REASON_LABELS: Record<SetAsideReason, string> = {
  not_relevant: 'Ne correspond pas au projet',
  too_far: 'Trop loin',
  dates: 'Dates inadaptées',
  level: 'Niveau inadapté',
  cost: 'Coût trop élevé',
  already_done: 'Déjà suivie',
  other: 'Autre motif',
};

export type ErrorReportKind = ErrorReportRequest['kind'];

export const ERROR_REPORT_KIND_LABELS: Record<ErrorReportKind, string> = {
  wrong_fact: 'Information erronée (dates, lieu, coût, durée…)',
  invented_content: 'Contenu inventé par l’IA',
  inappropriate: 'Contenu inapproprié',
};

/** The three stages shown to the counsellor, in order (`done` closes the list). */
export const PROGRESS_STAGES: readonly Exclude<RecommendationProgress['stage'], 'done'>[] = [
  'guardrail',
  'retrieval',
  'llm',
];

export const STAGE_LABELS: Record<RecommendationProgress['stage'], string> = {
  guardrail: 'Vérification de la demande',
  retrieval: 'Recherche dans le catalogue',
  llm: 'Sélection et explications',
  done: 'Réponse prête',
};
