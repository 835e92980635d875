import { useEffect, useState, type ReactNode } from 'react';
import { api, STAFF_TOKEN_HEADER, type ContentVersions } from '../../../main/common/api';
import type { UpdateStatus } from '../../../main/common/packages';
import { updateCheckText } from './updateCheckText';

const STATE_WORDS = {
  live: 'On screen',
  staged: 'Waiting for the next attract loop',
  previous: 'Kept for going back',
  rolledBack: 'Left by going back; not shown again by itself',
} as const;

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The last check of the museum's network for a newer package, and why it failed (packages.updateUrl). */
function UpdateCheckLine({ status }: { status: UpdateStatus }): ReactNode {
  const text = updateCheckText(status, when);
  return (
    <ul aria-label="Update checks">
      <li className="staff-version" data-testid="staff-update-check">
        <span className="staff-version-number">{text.heading}</span>
        <span className="staff-version-state">{text.at}</span>
        <span className={`staff-version-detail${text.failed ? ' staff-warning' : ''}`}>
          {text.result ? `${text.result}. ` : ''}
          {text.message}
        </span>
        <span className="staff-version-detail">{text.next}</span>
      </li>
    </ul>
  );
}

/**
 * The content versions on this kiosk (issue 15, docs/fleet.md): what is on screen, what waits for the next
 * attract loop, what is kept for going back; and the one-tap rollback. Shown after the PIN only.
 */
export function ContentVersionsSection({
  token,
  busy,
  onRollback,
  refreshKey,
}: {
  token: string;
  busy: boolean;
  onRollback(): void;
  /** Changes after each staff action, so the list is read again. */
  refreshKey: number;
}): ReactNode {
  const [versions, setVersions] = useState<ContentVersions | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(api.staffVersions, { headers: { [STAFF_TOKEN_HEADER]: token } })
      .then((r) => (r.ok ? (r.json() as Promise<ContentVersions>) : null))
      .then((v) => {
        if (live) setVersions(v);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [token, refreshKey]);

  if (!versions?.enabled) return null;
  const previous = versions.versions.find((v) => v.state === 'previous');
  return (
    <section className="staff-versions" aria-label="Content versions" data-testid="staff-versions">
      <h3>Content versions</h3>
      {versions.notes.map((n) => (
        <p key={n} className="staff-warning">
          {n}
        </p>
      ))}
      <ul>
        {versions.versions.map((v) => (
          <li key={`${v.exhibitId}-${v.version}`} className={`staff-version staff-version-${v.state}`}>
            <span className="staff-version-number">Version {v.version}</span>
            <span className="staff-version-state">{STATE_WORDS[v.state]}</span>
            <span className="staff-version-detail">
              {v.exhibitId} {v.exhibitVersion} · published {when(v.created)} by {v.createdBy}
            </span>
          </li>
        ))}
      </ul>
      {versions.updates ? <UpdateCheckLine status={versions.updates} /> : null}
      {previous ? (
        <button
          type="button"
          className="secondary-button"
          disabled={busy}
          onClick={onRollback}
          data-testid="staff-rollback"
        >
          Go back to version {previous.version}
        </button>
      ) : null}
    </section>
  );
}
