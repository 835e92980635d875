import type { ReactNode } from 'react';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { Icon } from './Icon';

/**
 * A content note shown before a story, photograph or diary entry that describes violence: the visitor
 * chooses to continue or to go back. Remembered for the rest of the visit, forgotten by reset().
 */
export function ContentNoteGate({
  noteKey,
  note,
  noteLang,
  title,
  onBack,
  children,
}: {
  noteKey: string;
  note: string | undefined;
  noteLang?: string;
  title?: string;
  onBack?: () => void;
  children: ReactNode;
}): ReactNode {
  const { t } = useLang();
  const acknowledged = useVisit((s) => s.acknowledgedNotes.includes(noteKey));
  const acknowledge = useVisit((s) => s.acknowledgeNote);
  const back = useVisit((s) => s.back);
  if (!note || acknowledged) return children;
  return (
    <section className="content-note" data-testid="content-note" aria-labelledby="content-note-title">
      <div className="content-note-mark" aria-hidden="true">
        <Icon name="note" />
      </div>
      <h2 id="content-note-title">{t.contentNote}</h2>
      {title ? <p className="content-note-subject">{title}</p> : null}
      <p className="content-note-text" lang={noteLang}>
        {note}
      </p>
      <div className="content-note-actions">
        <button
          type="button"
          className="secondary-button"
          onClick={onBack ?? back}
          data-testid="content-note-back"
        >
          {t.contentNoteBack}
        </button>
        <button
          type="button"
          className="primary-button"
          onClick={() => acknowledge(noteKey)}
          data-testid="content-note-continue"
        >
          {t.contentNoteContinue}
        </button>
      </div>
    </section>
  );
}
