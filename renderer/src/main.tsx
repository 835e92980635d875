import { createRoot } from 'react-dom/client';
import { KioskRoot } from './App';
import { installTouchHygiene } from './touchHygiene';
import { reportError } from './heartbeat';
import { describeFailure } from './components/recovery';
import { forceReset, visitCount } from './session/sessionClock';
import { startRecorder } from './analytics/recorder';
import './fonts';
import './styles/base.css';
import './styles/screens.css';

installTouchHygiene();
startRecorder();
const root = document.getElementById('root');
if (root) {
  createRoot(root, {
    // The error boundaries log what they catch (through /api/log, to the technician); the console of a kiosk
    // is read by nobody.
    onCaughtError: () => undefined,
    // Nothing caught it: React has taken the whole tree down. No tree, no heartbeat: the watchdog reloads.
    onUncaughtError: (error, info) =>
      reportError(
        describeFailure(
          'the whole page',
          error,
          info.componentStack ?? '',
          'nothing left; the watchdog reloads',
        ),
      ),
  }).render(<KioskRoot />);
}

// Read-only hooks for the bench and the end-to-end tests (a visitor has no console to reach them).
Object.assign(window, { __kiosk: { forceReset, visitCount } });
