import type { QueueData } from '../queueStore.ts';
import type { DemoOptions } from './buildDemoQueue.ts';
import type { DemoReply } from './demoReply.ts';

/** Build the demo queue in a Web Worker; resolves with its rows, rejects with a readable reason. */
export function loadDemoQueue(options: DemoOptions): Promise<QueueData> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./demoQueue.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<DemoReply>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.ok) {
        console.info(
          `demo queue: ${reply.data.rows.length} claims built in ${Math.round(reply.buildMs)} ms (worker)`,
        );
        resolve(reply.data);
      } else {
        reject(new Error(`The demo practice could not be built: ${reply.message}`));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(
        new Error(`The demo practice could not be built: ${event.message || 'the worker failed to start'}`),
      );
    };
    worker.postMessage(options);
  });
}

/** Today's calendar date in the browser's time zone, YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
