import { GuardrailCategory, GuardrailFinding, type ProblemDetails } from '@reco/contracts';
import { z } from 'zod';

/**
 * Why a call failed: no answer at all, cancelled by the user, an answer that broke off, an RFC 9457
 * problem from the server, or an answer that does not fit the contract.
 */
export type ApiErrorKind = 'network' | 'aborted' | 'interrupted' | 'http' | 'invalid_response';

/** A failed API call, with what the counsellor should read about it (in French). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    /** The HTTP status; 0 when there was no answer. */
    readonly status: number,
    readonly problem?: ProblemDetails,
    /** From a `Retry-After` header, for 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem?.detail ?? problem?.title ?? `${kind} ${status}`);
  }

  /** The sentence the interface shows. */
  get userMessage(): string {
    return userMessageOf(this);
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'La requête n’a pas pu être comprise par le serveur.',
  401: 'Votre session a expiré : reconnectez-vous.',
  403: 'Vous n’avez pas accès à cette fonction.',
  404: 'La ressource demandée est introuvable.',
  409: 'Cette action entre en conflit avec une autre : rechargez la page.',
  413: 'Le texte envoyé est trop long.',
  422: 'Certaines informations saisies ne sont pas valides.',
  503: 'Le service est momentanément indisponible. Réessayez dans un instant.',
};

function minutes(seconds: number): string {
  const count = Math.max(1, Math.ceil(seconds / 60));
  return `${count} minute${count > 1 ? 's' : ''}`;
}

function userMessageOf(error: ApiError): string {
  switch (error.kind) {
    case 'aborted':
      return 'Demande annulée.';
    case 'network':
      return 'Le serveur ne répond pas : vérifiez votre connexion, puis réessayez.';
    case 'interrupted':
      return 'La connexion a été interrompue avant la fin de la réponse. Réessayez.';
    case 'invalid_response':
      return 'Le serveur a envoyé une réponse inattendue. Réessayez ; si cela se reproduit, signalez-le.';
    case 'http':
      break;
  }
  if (error.status === 429) {
    const wait = error.retryAfterSeconds
      ? `Patientez ${minutes(error.retryAfterSeconds)} avant de réessayer.`
      : 'Patientez quelques minutes avant de réessayer.';
    return error.problem?.detail ?? `Trop de tentatives. ${wait}`;
  }
  if (error.problem?.detail) return error.problem.detail;
  if (error.status >= 500) return 'Le service rencontre un problème. Réessayez dans un instant.';
  return STATUS_MESSAGES[error.status] ?? error.problem?.title ?? 'La demande n’a pas abouti.';
}

const SensitiveDataRefusal = z.object({
  categories: z.array(GuardrailCategory).min(1),
  findings: z.array(GuardrailFinding),
});
export type SensitiveDataRefusal = z.infer<typeof SensitiveDataRefusal>;

/** The categories and spans of a request refused for sensitive data (a 422 carrying them), if it was one. */
export function sensitiveDataRefusalOf(error: unknown): SensitiveDataRefusal | undefined {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.problem) return undefined;
  const parsed = SensitiveDataRefusal.safeParse(error.problem);
  return parsed.success ? parsed.data : undefined;
}

const FieldErrors = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) });
export type FieldError = z.infer<typeof FieldErrors>['errors'][number];

/** The fields a validation problem names (`errors: [{field, message}]`), if any. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof ApiError) || !error.problem) return [];
  const parsed = FieldErrors.safeParse(error.problem);
  return parsed.success ? parsed.data.errors : [];
}

/** Any thrown value as an ApiError: what is not one becomes an unexpected answer. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new ApiError('aborted', 0);
  return new ApiError('invalid_response', 0);
}
