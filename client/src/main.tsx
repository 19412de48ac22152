import { createRoot } from 'solid-js';
import { render } from 'solid-js/web';
import { App } from './components/App.tsx';
import { loadDemoQueue, localToday } from './demo/loadDemoQueue.ts';
import { createQueueStore } from './queueStore.ts';
import './styles.css';

// The store lives as long as the page, so its root is never disposed.
const store = createRoot(() => createQueueStore());

const mount = document.getElementById('root');
if (mount === null) throw new Error('index.html has no #root element');
render(() => <App store={store} />, mount);

loadDemoQueue({ seed: 1, claims: 20_000, asOf: localToday() }).then(store.load, (error: unknown) =>
  store.fail(error instanceof Error ? error.message : String(error)),
);
