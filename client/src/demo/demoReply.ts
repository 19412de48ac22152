import type { QueueData } from '../queueStore.ts';

/** The demo worker's one answer: the queue data and how long building it took, or why it failed. */
export type DemoReply = { ok: true; data: QueueData; buildMs: number } | { ok: false; message: string };
