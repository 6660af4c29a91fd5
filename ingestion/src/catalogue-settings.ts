import { z } from 'zod';

/**
 * The settings the catalogue needs, shared by the ingestion CLI and the server so that both open
 * the same database with the same embedder. Parsed once, at start-up, by each entry point's config.
 */
export const CatalogueSettings = z
  .object({
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().min(1).default('./.data/pglite'),
    EMBEDDER: z.enum(['builtin', 'ollama']).default('builtin'),
    OLLAMA_BASE_URL: z.url().default('http://localhost:11434'),
    OLLAMA_EMBED_MODEL: z.string().min(1).default('bge-m3'),
    OLLAMA_EMBED_DIMENSIONS: z.coerce.number().int().positive().default(1024),
  })
  .transform((env) => ({
    database: { databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR },
    ollamaBaseUrl: env.OLLAMA_BASE_URL,
    embedder:
      env.EMBEDDER === 'ollama'
        ? ({
            kind: 'ollama',
            baseUrl: env.OLLAMA_BASE_URL,
            model: env.OLLAMA_EMBED_MODEL,
            dimensions: env.OLLAMA_EMBED_DIMENSIONS,
          } as const)
        : ({ kind: 'builtin' } as const),
  }));
export type CatalogueSettings = z.infer<typeof CatalogueSettings>;

/** Readable configuration errors: which variable, what is wrong. */
export function parseSettings<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    .join('\n');
  throw new Error(`Invalid configuration:\n${problems}`);
}
