/** Key that a number token (in figures or in words) matches, whatever its value. */
export const NUMBER_KEY = '#';

export interface TrieNode<T> {
  readonly children: Map<string, TrieNode<T>>;
  /** Entries whose key sequence ends here. */
  readonly values: T[];
}

/** A trie over token keys: all multi-word expressions are matched in one pass over the text. */
export class TokenTrie<T> {
  readonly root: TrieNode<T> = { children: new Map(), values: [] };
  /** Every key used somewhere in the trie. */
  readonly vocabulary = new Set<string>();

  insert(keys: readonly string[], value: T): void {
    let node = this.root;
    for (const key of keys) {
      this.vocabulary.add(key);
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map(), values: [] };
        node.children.set(key, child);
      }
      node = child;
    }
    node.values.push(value);
  }
}
