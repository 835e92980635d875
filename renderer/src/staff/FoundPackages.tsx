import { useEffect, useState, type ReactNode } from 'react';
import { api, STAFF_TOKEN_HEADER, type FoundPackages } from '../../../main/common/api';
import { onVisitReset } from '../session/sessionClock';
import { useVisit } from '../session/visitStore';

function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** How often the open staff screen looks for packages again. */
const LOOK_AGAIN_MS = 4_000;

/**
 * Packages on a USB stick or in a watched folder (issue 15, docs/fleet.md): each with what it is and whether
 * this kiosk would install it, or why not; Install on the ones it would. Shown after the PIN only. The list
 * is looked for when the panel opens, after each action, and every few seconds while it is open, so a stick
 * put in meanwhile shows up by itself (a file already checked, unchanged, is not checked again).
 */
export function FoundPackagesSection({
  token,
  busy,
  refreshKey,
  onInstall,
}: {
  token: string;
  busy: boolean;
  refreshKey: number;
  onInstall(ref: string, version: number): void;
}): ReactNode {
  const [found, setFound] = useState<FoundPackages | null>(null);
  const [looking, setLooking] = useState(true);
  const [again, setAgain] = useState(0);
  // While the screen is open the kiosk looks again every few seconds, so a stick put in shows up by itself.
  // Only over the attract loop (where staff install), and a visit reset, which revokes the staff token,
  // stops it at once: it never asks with a dead token.
  const overAttract = useVisit((s) => s.phase === 'attract');
  useEffect(() => {
    if (busy || !overAttract) return;
    const timer = setInterval(() => setAgain((n) => n + 1), LOOK_AGAIN_MS);
    const stopOnReset = onVisitReset(() => clearInterval(timer));
    return () => {
      clearInterval(timer);
      stopOnReset();
    };
  }, [busy, overAttract]);
  useEffect(() => {
    let live = true;
    setLooking(true);
    void fetch(api.staffFound, { headers: { [STAFF_TOKEN_HEADER]: token } })
      .then((r) => (r.ok ? (r.json() as Promise<FoundPackages>) : null))
      .then((f) => {
        if (live) setFound(f);
      })
      .catch(() => undefined)
      .finally(() => {
        if (live) setLooking(false);
      });
    return () => {
      live = false;
    };
  }, [token, refreshKey, again]);

  if (found && !found.enabled) return null;
  return (
    <section
      className="staff-versions staff-found"
      aria-label="Packages on a USB stick"
      data-testid="staff-found"
    >
      <h3>Packages on a USB stick or in a folder</h3>
      {looking && !found ? <p>Looking for packages…</p> : null}
      {found && found.packages.length === 0 ? (
        <p data-testid="staff-found-none">
          No package found. Put the USB stick in: its packages show up here within a few seconds. Looked in:{' '}
          {found.folders.join(', ') || 'no folder (packages.watchFolders is empty)'}.
        </p>
      ) : null}
      {found && found.packages.length > 0 ? (
        <ul>
          {found.packages.map((p) => (
            <li key={p.ref} className="staff-version" data-testid={`staff-found-${p.fileName}`}>
              <span className="staff-version-number">
                {p.check.ok ? `Version ${p.check.version}` : p.fileName}
              </span>
              <span className="staff-version-state">
                {p.check.ok ? 'Can be installed' : 'Will not be installed'}
              </span>
              <span className="staff-version-detail">
                {p.check.ok
                  ? `${p.check.exhibitId} ${p.check.exhibitVersion} · published ${day(p.check.created)} by ${p.check.createdBy} · `
                  : ''}
                {p.fileName} in {p.folder} · {fileSize(p.size)}
              </span>
              {p.check.ok ? (
                <button
                  type="button"
                  className="primary-button"
                  disabled={busy}
                  onClick={() => p.check.ok && onInstall(p.ref, p.check.version)}
                  data-testid="staff-install"
                >
                  Install version {p.check.version}
                </button>
              ) : (
                <span className="staff-version-detail staff-warning">{p.check.message}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <button
        type="button"
        className="secondary-button"
        disabled={busy || looking}
        onClick={() => setAgain((n) => n + 1)}
        data-testid="staff-found-again"
      >
        {looking && found ? 'Looking…' : 'Look again'}
      </button>
    </section>
  );
}
