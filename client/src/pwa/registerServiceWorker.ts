import { registerSW } from 'virtual:pwa-register';
import { createSignal } from 'solid-js';

const [updateReady, setUpdateReady] = createSignal(false);
let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker that keeps the app shell for offline use. A new version is announced
 * (`updateReady`) rather than applied, so a reload never happens under a biller's feet.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  applyUpdate = registerSW({
    onNeedRefresh: () => setUpdateReady(true),
  });
}

/** Whether a new version of the app is waiting. */
export { updateReady };

/** Reloads into the new version; callers check first that nothing is waiting to be sent. */
export function reloadIntoUpdate(): void {
  void applyUpdate?.(true);
}
