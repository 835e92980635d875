/**
 * The file changed on disk after it was opened: nothing was saved. Both versions side by side, field by
 * field where they differ; keep mine (saved over theirs, theirs kept in the history) or take theirs.
 */
import { useEffect, useRef } from 'react';
import type { EditorSaveResult } from '../../../main/common/editorApi';
import { editorCalls } from './api';
import { fieldPath, getAt, type Path } from './formModel';
import { useEditor } from './store';
import { t } from './text';

/** The paths where two values differ, down to the first value that is not an object. Pure. */
export function differences(a: unknown, b: unknown, at: Path = []): Path[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...at, k]),
    );
  }
  return [at];
}

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

export function ConflictDialog(props: { onAnswer(result: EditorSaveResult): void }) {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const conflict = useEditor((s) => s.conflict);
  const set = useEditor((s) => s.set);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  if (!conflict || !token) return null;
  const { mine, theirs } = conflict;
  const paths = differences(theirs.data, mine);
  return (
    <dialog
      ref={dialog}
      className="conflict"
      aria-labelledby="conflict-title"
      data-testid="conflict"
      onClose={() => set({ conflict: null })}
    >
      <h2 id="conflict-title">{t(ui, 'conflictTitle')}</h2>
      <p>{t(ui, 'conflictLead')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t(ui, 'theirs')}</th>
            <th scope="col">{t(ui, 'mine')}</th>
          </tr>
        </thead>
        <tbody>
          {paths.map((p) => (
            <tr key={fieldPath(p)}>
              <th scope="row">{fieldPath(p)}</th>
              <td data-testid="theirs">{show(getAt(theirs.data, p))}</td>
              <td data-testid="mine">{show(getAt(mine, p))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button
          type="button"
          onClick={() => {
            set({ item: theirs, draft: theirs.data, conflict: null, notice: null, refused: [] });
            // Their version taken: unsaved edits kept on this computer for the item are not wanted.
            void editorCalls.discardUnsaved(token, theirs.kind, theirs.id).catch(() => undefined);
            dialog.current?.close();
          }}
        >
          {t(ui, 'takeTheirs')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            dialog.current?.close();
            void editorCalls.save(token, theirs.kind, theirs.id, theirs.revision, mine).then(props.onAnswer);
          }}
        >
          {t(ui, 'keepMine')}
        </button>
      </div>
    </dialog>
  );
}
