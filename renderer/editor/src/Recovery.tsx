/**
 * Unsaved edits that survive a crash or a closed window (issue 14): the form's values are kept on this
 * computer about a second after the last change (through the backend, main/editor/recovery.ts), and at
 * the next sign-in the editor offers to restore or discard what was kept, naming the item and the time.
 */
import { useEffect, useRef } from 'react';
import type { ItemKind } from '../../../main/common/editorApi';
import {
  RECOVERY_DELAY_MS,
  recoveryAction,
  type EditorRecoveryOffer,
} from '../../../main/common/editorRecovery';
import { editorCalls } from './api';
import { openItem } from './openItem';
import { restoreOutcome, restoreState } from './recovery';
import { recoveryTime, rt } from './recoveryText';
import { titleOf } from './SchemaForm';
import { useEditor } from './store';
import { t } from './text';
import type { EditorItem } from '../../../main/common/editorApi';

/** Keeps the form's unsaved values on this computer while staff type; forgets them once saved or undone. */
export function useRecoveryWriter(): void {
  const token = useEditor((s) => s.token);
  const item = useEditor((s) => s.item);
  const draft = useEditor((s) => s.draft);
  const creating = useEditor((s) => s.creating);
  const set = useEditor((s) => s.set);
  useEffect(() => {
    if (!token || !item) return;
    const { kind, id, revision: base } = item;
    const kept = useEditor.getState().recoveryKept;
    const isKept = kept !== null && kept.kind === kind && kept.id === id;
    const action = recoveryAction({ saved: item.data, revision: base, draft, creating, kept: isKept });
    if (action === 'discard') {
      set({ recoveryKept: null });
      void editorCalls.discardUnsaved(token, kind, id).catch(() => undefined);
      return;
    }
    if (action !== 'keep') return;
    let pending = true;
    const timer = window.setTimeout(() => {
      pending = false;
      editorCalls
        .keepUnsaved(token, kind, id, base, draft)
        .then((answer) => {
          const now = useEditor.getState();
          // Saved (or left) while the edits were on their way: they are not needed any more.
          if (now.item?.kind !== kind || now.item.id !== id || now.item.revision !== base) {
            void editorCalls.discardUnsaved(token, kind, id).catch(() => undefined);
            return;
          }
          set({ recoveryKept: { kind, id, savedAt: answer.savedAt } });
        })
        .catch(() => set({ recoveryKept: { kind, id, savedAt: null, failed: true } }));
    }, RECOVERY_DELAY_MS);
    // The window closed within the second: the browser still sends the last values.
    const leaving = () => {
      if (pending) editorCalls.keepUnsavedOnLeaving(token, kind, id, base, draft);
    };
    window.addEventListener('pagehide', leaving);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pagehide', leaving);
    };
  }, [token, item, draft, creating, set]);
}

/** Keeps the form's unsaved values at once (signing out within the second the writer waits). */
export async function keepUnsavedNow(token: string): Promise<void> {
  const { item, draft, creating, recoveryKept } = useEditor.getState();
  if (!item) return;
  const kept = recoveryKept?.kind === item.kind && recoveryKept.id === item.id;
  if (recoveryAction({ saved: item.data, revision: item.revision, draft, creating, kept }) !== 'keep') return;
  await editorCalls.keepUnsaved(token, item.kind, item.id, item.revision, draft).catch(() => undefined);
}

/** Asks once per sign-in what was kept from an earlier session, and opens the offer when there is any. */
export function useRecoveryOffers(): void {
  const token = useEditor((s) => s.token);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!token || !overview || asked.current === token) return;
    asked.current = token;
    void editorCalls
      .recoveryOffers(token)
      .then((offers) => set({ recoveryOffers: offers, recoveryOpen: offers.length > 0 }))
      .catch(() => set({ recoveryOffers: [] }));
  }, [token, overview, set]);
}

/** The store's change when an item has been loaded: with the edits being restored, if they are its. */
export function loadedState(loaded: EditorItem) {
  const { ui, recovering } = useEditor.getState();
  const time = recovering ? recoveryTime(ui, recovering.savedAt) : '';
  return restoreState(restoreOutcome(loaded, recovering), recovering?.savedAt ?? null, {
    restored: rt(ui, 'recoveryRestored', { time }),
    compare: rt(ui, 'recoveryRestoredChanged', { time }),
  });
}

/** "kept on this computer at 11:05:03" beside "Unsaved changes", once the form's values are on disk. */
export function RecoveryStatus({ kind, id }: { kind: ItemKind; id: string }) {
  const ui = useEditor((s) => s.ui);
  const kept = useEditor((s) => s.recoveryKept);
  if (!kept || kept.kind !== kind || kept.id !== id) return null;
  if (kept.failed)
    return (
      <span className="recovery-kept failed" role="status">
        {rt(ui, 'recoveryKeptFailed')}
      </span>
    );
  if (!kept.savedAt) return null;
  return (
    <span
      className="recovery-kept"
      data-testid="recovery-kept"
      data-saved-at={kept.savedAt}
      title={rt(ui, 'recoveryKeptHelp')}
    >
      {rt(ui, 'recoveryKept', { time: recoveryTime(ui, kept.savedAt, false) })}
    </span>
  );
}

/** Over the item list while kept edits wait for a decision: opens the offer again. */
export function RecoveryReminder() {
  const ui = useEditor((s) => s.ui);
  const offers = useEditor((s) => s.recoveryOffers);
  const open = useEditor((s) => s.recoveryOpen);
  const set = useEditor((s) => s.set);
  if (!offers || offers.length === 0 || open) return null;
  return (
    <button type="button" className="recovery-reminder" onClick={() => set({ recoveryOpen: true })}>
      {rt(ui, 'recoveryPending', { n: offers.length })}
    </button>
  );
}

/** The offer: each item with unsaved edits kept, when they were made, restore or discard. */
export function RecoveryDialog() {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const offers = useEditor((s) => s.recoveryOffers);
  const open = useEditor((s) => s.recoveryOpen);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  const dialog = useRef<HTMLDialogElement>(null);
  const visible = open && offers !== null && offers.length > 0;
  useEffect(() => {
    if (visible && !dialog.current?.open) dialog.current?.showModal();
  }, [visible]);
  if (!visible || !token || !overview) return null;

  const nameOf = (o: EditorRecoveryOffer) => {
    const summary = overview.items.find((i) => i.kind === o.kind && i.id === o.id);
    return { summary, title: titleOf(summary, ui, overview.languages) || o.id };
  };
  const rest = (o: EditorRecoveryOffer) => offers.filter((x) => x !== o);
  const restore = (o: EditorRecoveryOffer) => {
    const opened = openItem(o.kind, o.id, {
      recoveryOffers: rest(o),
      recoveryOpen: false,
      recovering: o,
    });
    if (opened) dialog.current?.close();
  };
  const discard = async (o: EditorRecoveryOffer) => {
    await editorCalls.discardUnsaved(token, o.kind, o.id).catch(() => undefined);
    const left = rest(o);
    if (left.length === 0) dialog.current?.close();
    set({
      recoveryOffers: left,
      recoveryOpen: left.length > 0,
      listNotice: rt(ui, 'recoveryDiscarded', { name: nameOf(o).title }),
    });
  };

  return (
    <dialog
      ref={dialog}
      className="recovery"
      aria-labelledby="recovery-title"
      aria-describedby="recovery-lead"
      data-testid="recovery-offer"
      onClose={() => set({ recoveryOpen: false })}
    >
      <h2 id="recovery-title">{rt(ui, 'recoveryTitle')}</h2>
      <p id="recovery-lead">{rt(ui, offers.length === 1 ? 'recoveryLeadOne' : 'recoveryLead')}</p>
      <ul className="recovery-list">
        {offers.map((o) => {
          const { summary, title } = nameOf(o);
          const headingId = `recovery-${o.kind}-${o.id}`;
          return (
            <li key={`${o.kind}:${o.id}`} data-testid={headingId} aria-labelledby={headingId}>
              {summary?.thumbnail ? (
                <img src={summary.thumbnail} alt="" />
              ) : (
                <span className="no-thumb" aria-hidden="true" />
              )}
              <div className="recovery-text">
                <p className="kind">{t(ui, `kindOne_${o.kind}`)}</p>
                <h3 id={headingId}>{title}</h3>
                <p>{rt(ui, 'recoveryWhen', { time: recoveryTime(ui, o.savedAt) })}</p>
                {o.state === 'changed' ? (
                  <p className="recovery-changed" data-testid="recovery-changed">
                    {rt(ui, 'recoveryChanged')}
                  </p>
                ) : null}
              </div>
              <div className="recovery-actions">
                <button type="button" onClick={() => void discard(o)}>
                  {rt(ui, 'recoveryDiscard')}
                </button>
                <button type="button" className="primary" onClick={() => restore(o)}>
                  {rt(ui, 'recoveryRestore')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p className="muted small">{rt(ui, 'recoveryLaterHelp')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          {rt(ui, 'recoveryLater')}
        </button>
      </div>
    </dialog>
  );
}
