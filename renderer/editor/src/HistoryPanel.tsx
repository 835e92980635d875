/** The saved versions of the item, newest first; any one can be restored (as a new save, itself kept). */
import { useEffect, useState } from 'react';
import type { EditorHistoryEntry, EditorSaveResult } from '../../../main/common/editorApi';
import { editorCalls } from './api';
import { useEditor } from './store';
import { t } from './text';

export function HistoryPanel(props: { onRestored(result: EditorSaveResult): void }) {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const item = useEditor((s) => s.item);
  const [versions, setVersions] = useState<EditorHistoryEntry[] | null>(null);
  useEffect(() => {
    if (!token || !item) return;
    void editorCalls.history(token, item.kind, item.id).then(setVersions, () => setVersions([]));
  }, [token, item]);
  if (!item || !token) return null;
  const format = new Intl.DateTimeFormat(ui, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <section className="history" aria-label={t(ui, 'history')}>
      <h3>{t(ui, 'history')}</h3>
      {versions && versions.length === 0 ? <p className="muted">{t(ui, 'historyEmpty')}</p> : null}
      <ul>
        {(versions ?? []).map((v) => (
          <li key={v.version}>
            <span>
              {t(ui, 'savedBy', {
                time: format.format(new Date(v.savedAt)),
                role: t(ui, `role_${v.role}`).split(/—|——/)[0]?.trim() ?? v.role,
              })}
            </span>
            <button
              type="button"
              onClick={() =>
                void editorCalls
                  .restore(token, item.kind, item.id, v.version, item.revision)
                  .then(props.onRestored)
              }
            >
              {t(ui, 'restore')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
