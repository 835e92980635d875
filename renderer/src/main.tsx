import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installTouchHygiene } from './touchHygiene';
import { startHeartbeat } from './heartbeat';
import { forceReset, visitCount } from './session/sessionClock';
import './fonts';
import './styles/base.css';
import './styles/screens.css';

installTouchHygiene();
startHeartbeat();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

// Read-only hooks for the bench and the end-to-end tests (a visitor has no console to reach them).
Object.assign(window, { __kiosk: { forceReset, visitCount } });
