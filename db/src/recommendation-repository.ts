import type { GuardrailCategory, GuardrailSummary, JobseekerProfile, Suggestion } from '@reco/contracts';
import type { Database } from './database';

export interface StoredRecommendation {
  id: string;
  conversationId: string;
  turn: number;
  userId: string;
  redactedPrompt: string;
  profile: JobseekerProfile;
  guardrail: GuardrailSummary;
  mode: 'llm' | 'retrieval';
  promptVersion: string;
  model: string | null;
  suggestions: Suggestion[];
  llmRun: Record<string, unknown>;
  /** From the application's clock, so that retention is testable and consistent across replicas. */
  createdAt: Date;
}

/** What a purge deleted: requests with their decisions and error reports, emptied conversations, refusals. */
export interface PurgeResult {
  cutoff: Date;
  requestsDeleted: number;
  refusalsDeleted: number;
  decisionsDeleted: number;
  errorReportsDeleted: number;
  conversationsDeleted: number;
}

/** The audit record of recommendation requests: redacted text only, purged after the retention period. */
export class RecommendationRepository {
  constructor(private readonly db: Database) {}

  async startConversation(id: string, userId: string, createdAt: Date): Promise<void> {
    await this.db.query('INSERT INTO conversations (id, user_id, created_at) VALUES ($1, $2, $3)', [
      id,
      userId,
      createdAt,
    ]);
  }

  /** The earlier turns of a counsellor's conversation, oldest first; undefined when it is not theirs. */
  async conversationTurns(
    conversationId: string,
    userId: string,
  ): Promise<Pick<StoredRecommendation, 'id' | 'turn' | 'redactedPrompt' | 'suggestions'>[] | undefined> {
    const [owner] = await this.db.query<{ userId: string }>(
      'SELECT user_id AS "userId" FROM conversations WHERE id = $1',
      [conversationId],
    );
    if (!owner || owner.userId !== userId) return undefined;
    return this.db.query(
      `SELECT id, turn, redacted_prompt AS "redactedPrompt", suggestions
         FROM recommendation_requests WHERE conversation_id = $1 ORDER BY turn`,
      [conversationId],
    );
  }

  async save(request: StoredRecommendation): Promise<void> {
    await this.db.query(
      `INSERT INTO recommendation_requests (id, conversation_id, turn, user_id, redacted_prompt, profile, guardrail,
                                            mode, prompt_version, model, suggestions, llm_run, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb, $12::jsonb, $13)`,
      [
        request.id,
        request.conversationId,
        request.turn,
        request.userId,
        request.redactedPrompt,
        JSON.stringify(request.profile),
        JSON.stringify(request.guardrail),
        request.mode,
        request.promptVersion,
        request.model,
        JSON.stringify(request.suggestions),
        JSON.stringify(request.llmRun),
        request.createdAt,
      ],
    );
  }

  async find(id: string): Promise<StoredRecommendation | undefined> {
    const [row] = await this.db.query<StoredRecommendation>(
      `SELECT id, conversation_id AS "conversationId", turn, user_id AS "userId", redacted_prompt AS "redactedPrompt",
              profile, guardrail, mode, prompt_version AS "promptVersion", model, suggestions, llm_run AS "llmRun",
              created_at AS "createdAt"
         FROM recommendation_requests WHERE id = $1`,
      [id],
    );
    return row;
  }

  async recordRefusal(
    userId: string,
    categories: readonly GuardrailCategory[],
    createdAt: Date,
  ): Promise<void> {
    await this.db.query(
      'INSERT INTO guardrail_refusals (user_id, categories, created_at) VALUES ($1, $2::text[], $3)',
      [userId, categories, createdAt],
    );
  }

  /**
   * Deletes everything created before the cutoff, and records that it did, through the database's
   * purge function: the application's role may not delete any of it otherwise. The database refuses
   * a cutoff less than a day old.
   */
  async purgeOlderThan(cutoff: Date, trigger: 'schedule' | 'admin', now: Date): Promise<PurgeResult> {
    const [purge] = await this.db.query<PurgeResult>(
      `SELECT cutoff, requests_deleted AS "requestsDeleted", refusals_deleted AS "refusalsDeleted",
              decisions_deleted AS "decisionsDeleted", error_reports_deleted AS "errorReportsDeleted",
              conversations_deleted AS "conversationsDeleted"
         FROM purge_retained_prompts($1, $2, $3)`,
      [cutoff, trigger, now],
    );
    if (!purge) throw new Error('the retention purge returned no record');
    return purge;
  }
}
