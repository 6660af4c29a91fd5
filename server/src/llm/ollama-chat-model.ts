import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOllama } from '@langchain/ollama';
import type { ChatCompletionRequest, ChatModel } from './chat-model';

export interface OllamaChatModelSettings {
  /** e.g. "http://127.0.0.1:11434". */
  baseUrl: string;
  /** e.g. "mixtral:8x7b". */
  model: string;
  /** How long Ollama keeps the model loaded after a request, e.g. "30m": reloading Mixtral takes seconds. */
  keepAlive?: string;
}

/** A `ChatModel` served by Ollama's `/api/chat`, through LangChain's ChatOllama. */
export class OllamaChatModel implements ChatModel {
  readonly name: string;

  constructor(private readonly settings: OllamaChatModelSettings) {
    this.name = settings.model;
  }

  async complete(request: ChatCompletionRequest, signal: AbortSignal): Promise<string> {
    const chat = new ChatOllama({
      baseUrl: this.settings.baseUrl,
      model: this.settings.model,
      format: request.jsonSchema,
      numCtx: request.numCtx,
      numPredict: request.maxOutputTokens,
      temperature: 0,
      keepAlive: this.settings.keepAlive,
      // The caller owns the retry policy and its time budget.
      maxRetries: 0,
      fetch: fetchBoundTo(signal),
    });
    const message = await chat.invoke([new SystemMessage(request.system), new HumanMessage(request.user)], {
      signal,
    });
    return message.text;
  }
}

/**
 * The `ollama` client only creates its abort controller once response headers arrive, and its
 * `abort()` stops every stream of the instance. Binding the signal into `fetch` (one ChatOllama per
 * call) cancels this request alone, even while Ollama is still loading the model: Ollama stops
 * generating when the client disconnects, so an abandoned request does not hold the GPU.
 */
function fetchBoundTo(signal: AbortSignal): typeof fetch {
  return (input, init) =>
    fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}
