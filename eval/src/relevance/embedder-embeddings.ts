import { Embeddings } from '@langchain/core/embeddings';
import type { Embedder } from '@reco/ingestion';

/**
 * The system's embedder behind LangChain's `Embeddings` interface, so that a LangChain vector store
 * embeds its queries exactly as the hybrid retriever does (same model, same vectors).
 */
export class EmbedderEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.embedder.embed(texts)).map((vector) => Array.from(vector));
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedDocuments([text]);
    if (!vector) throw new Error('the embedder returned no vector');
    return vector;
  }
}
