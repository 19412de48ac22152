import { render } from 'solid-js/web';
import { AuthGate } from './components/AuthGate.tsx';
import { LiveQueue } from './components/LiveQueue.tsx';
import { registerServiceWorker } from './pwa/registerServiceWorker.ts';
import './styles.css';

const mount = document.getElementById('root');
if (mount === null) throw new Error('index.html has no #root element');
render(
  () => (
    <AuthGate>
      {(session, practiceId, logout) => (
        <LiveQueue session={session} practiceId={practiceId} logout={logout} />
      )}
    </AuthGate>
  ),
  mount,
);
registerServiceWorker();
