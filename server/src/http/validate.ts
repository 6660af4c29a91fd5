import { z } from 'zod';
import { HttpProblem } from './problem';

export interface FieldError {
  field: string;
  message: string;
}

/** Zod's own messages (wrong type, unknown option…) in French, as the contracts' are. */
const FRENCH = z.locales.fr();

/**
 * Parses a request body or query with its route contract. A refusal names the fields and what is
 * wrong with them, never the values sent: a refused profile may hold exactly what must not be kept.
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { error: FRENCH.localeError });
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: [...issue.path, key].join('.'),
          message: 'champ non autorisé : seules les données nécessaires à la recommandation sont acceptées',
        }))
      : [{ field: issue.path.join('.') || '(corps)', message: issue.message }],
  );
  const unknown = errors
    .filter((error) => error.message.startsWith('champ non autorisé'))
    .map((e) => e.field);
  throw new HttpProblem(
    422,
    'Requête invalide',
    unknown.length > 0
      ? `Champ(s) non autorisé(s) : ${unknown.join(', ')}.`
      : `Champ(s) invalide(s) : ${errors.map((error) => error.field).join(', ')}.`,
    { errors },
  );
}
