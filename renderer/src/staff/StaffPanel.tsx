import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  api,
  STAFF_ACTIONS,
  STAFF_TOKEN_HEADER,
  type StaffActionName,
  type StaffActionResult,
  type UnlockResult,
} from '../../../main/common/api';
import { useExhibit } from '../data/exhibitStore';
import { forceReset } from '../session/sessionClock';
import { loadStaffDashboard } from '../visitChunks';
import { ContentVersionsSection } from './ContentVersions';
import { FoundPackagesSection } from './FoundPackages';

/** The visitor figures (issue 16): their own chunk with the chart library, loaded when staff open them. */
const StaffDashboard = lazy(loadStaffDashboard);

/** What staff can do from the panel's row of buttons, in the contract's order (staff-facing, so in English
 * only). Rollback has its own button beside the content versions. */
type RowAction = Exclude<StaffActionName, 'rollback'>;
const STAFF_BUTTONS: Record<RowAction, { label: string; primary: boolean; testId?: string }> = {
  reloadContent: { label: 'Reload content', primary: false, testId: 'staff-reload' },
  relaunch: { label: 'Restart kiosk', primary: false },
  exit: { label: 'Exit kiosk', primary: true, testId: 'staff-exit' },
};

export function StaffPanel({ onClose }: { onClose(): void }): ReactNode {
  const [pin, setPin] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [message, setMessage] = useState('Enter the staff PIN.');
  const [health, setHealth] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [figures, setFigures] = useState(false);
  const [acted, setActed] = useState(0);
  const warnings = useExhibit((s) => s.status.staffWarnings) ?? [];
  // Closing the panel, or a visit reset (which closes it), revokes the staff token on the kiosk.
  const heldToken = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (heldToken.current)
        void fetch(api.staffLock, { method: 'POST', keepalive: true }).catch(() => undefined);
    },
    [],
  );

  const unlock = async () => {
    setBusy(true);
    try {
      const response = await fetch(api.staffUnlock, { method: 'POST', body: JSON.stringify({ pin }) });
      const answer = (await response.json()) as UnlockResult;
      setPin('');
      if (answer.ok && answer.token) {
        heldToken.current = answer.token;
        setToken(answer.token);
        setMessage('Unlocked.');
        await loadHealth(answer.token);
      } else if (answer.lockedForSeconds) {
        setMessage(`Too many wrong PINs. The pad is locked for ${answer.lockedForSeconds} seconds.`);
      } else if (answer.message) {
        setMessage(answer.message);
      } else {
        setMessage(`Wrong PIN.${answer.triesLeft !== undefined ? ` ${answer.triesLeft} tries left.` : ''}`);
      }
    } catch {
      setMessage('The kiosk did not answer. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const loadHealth = async (t: string) => {
    const response = await fetch(api.staffHealth, { headers: { [STAFF_TOKEN_HEADER]: t } });
    setHealth(JSON.stringify(await response.json(), null, 2));
  };

  /** Install a package found on a USB stick: staged now, on screen at the next attract loop. */
  const install = async (ref: string, version: number) => {
    if (!token) return;
    setBusy(true);
    setMessage(`Checking and installing version ${version}…`);
    try {
      const response = await fetch(api.staffInstall, {
        method: 'POST',
        headers: { [STAFF_TOKEN_HEADER]: token },
        body: JSON.stringify({ ref }),
      });
      const answer = (await response.json()) as StaffActionResult;
      setMessage(answer.message);
    } catch {
      setMessage('The kiosk did not answer. Try again.');
    } finally {
      setActed((n) => n + 1);
      setBusy(false);
    }
  };

  const act = async (action: StaffActionName) => {
    if (!token) return;
    setBusy(true);
    try {
      const response = await fetch(api.staffAction, {
        method: 'POST',
        headers: { [STAFF_TOKEN_HEADER]: token },
        body: JSON.stringify({ action }),
      });
      const answer = (await response.json()) as { ok: boolean; message: string };
      setMessage(answer.message);
      setActed((n) => n + 1);
      if ((action === 'reloadContent' || action === 'rollback') && answer.ok) {
        await useExhibit.getState().load();
        forceReset();
      }
      await loadHealth(token);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay-backdrop staff-backdrop" data-testid="staff-panel" lang="en">
      <div className="overlay-panel staff-panel" role="dialog" aria-modal="true" aria-label="Staff">
        <header className="overlay-header">
          <h2>Staff</h2>
          <button type="button" className="secondary-button" onClick={onClose} data-testid="staff-close">
            Close
          </button>
        </header>
        <p className="staff-message" role="status" data-testid="staff-message">
          {message}
        </p>
        {warnings.map((w) => (
          <p key={w} className="staff-warning">
            {w}
          </p>
        ))}
        {token ? (
          <div className="staff-tools">
            <div className="staff-actions">
              {STAFF_ACTIONS.filter((a): a is RowAction => a !== 'rollback')
                .map((action) => ({ action, ...STAFF_BUTTONS[action] }))
                .map(({ action, label, primary, testId }) => (
                  <button
                    key={action}
                    type="button"
                    className={primary ? 'primary-button' : 'secondary-button'}
                    disabled={busy}
                    onClick={() => void act(action)}
                    data-testid={testId}
                  >
                    {label}
                  </button>
                ))}
              <button
                type="button"
                className="secondary-button"
                onClick={() => setFigures(true)}
                data-testid="staff-figures"
              >
                Visitor figures
              </button>
            </div>
            <ContentVersionsSection
              token={token}
              busy={busy}
              refreshKey={acted}
              onRollback={() => void act('rollback')}
            />
            <FoundPackagesSection
              token={token}
              busy={busy}
              refreshKey={acted}
              onInstall={(ref, version) => void install(ref, version)}
            />
            {figures ? (
              <Suspense fallback={null}>
                <StaffDashboard token={token} onClose={() => setFigures(false)} />
              </Suspense>
            ) : null}
            <pre className="staff-health" data-testid="staff-health">
              {health}
            </pre>
          </div>
        ) : (
          <div className="pin-pad">
            <output className="pin-dots" aria-label="PIN digits entered" data-testid="pin-dots">
              {'●'.repeat(pin.length) || ' '}
            </output>
            <div className="pin-keys">
              {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'enter'].map((key) => (
                <button
                  key={key}
                  type="button"
                  className="pin-key"
                  disabled={busy}
                  data-testid={`pin-${key}`}
                  onClick={() => {
                    if (key === 'clear') setPin('');
                    else if (key === 'enter') void unlock();
                    else if (pin.length < 12) setPin(pin + key);
                  }}
                >
                  {key === 'clear' ? 'Clear' : key === 'enter' ? 'Enter' : key}
                </button>
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
