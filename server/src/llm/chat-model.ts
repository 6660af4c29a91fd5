export interface ChatCompletionRequest {
  system: string;
  user: string;
  /** The context window to allocate, prompt and answer included (Ollama's `num_ctx`). */
  numCtx: number;
  /** Constrains the answer to this JSON Schema (Ollama's `format`). */
  jsonSchema: Record<string, unknown>;
  /** Stops a runaway answer (Ollama's `num_predict`). */
  maxOutputTokens?: number;
}

/**
 * The port the recommendation uses to reach a language model. Implementations make one attempt
 * and return the raw assistant text: retries, time budget, parsing and grounding belong to the
 * caller. They reject when the model cannot answer, and stop their request when `signal` aborts.
 */
export interface ChatModel {
  /** Recorded with each recommendation, e.g. "mixtral:8x7b". */
  readonly name: string;
  complete(request: ChatCompletionRequest, signal: AbortSignal): Promise<string>;
}
