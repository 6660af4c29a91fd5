/** What soak.ts and its server process (soak-server.ts) say to each other over the IPC channel. */
export type ParentMessage =
  /** Collect garbage, then report the process's memory. */
  | { type: 'sample' }
  /** Once every request is answered: what was received and stored for the soak's counsellors. */
  | { type: 'ledger' }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; base: string; usernames: string[]; password: string; activeOffers: number }
  | { type: 'sample'; memory: NodeJS.MemoryUsage }
  | { type: 'ledger'; received: number; stored: number };
