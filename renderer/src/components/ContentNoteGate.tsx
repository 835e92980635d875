import { useId, type ReactNode } from 'react';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { Icon } from './Icon';
import { recordEvent } from '../analytics/recorder';

/**
 * A content note shown before a story, photograph, diary entry, timeline event or biography that describes
 * violence: the visitor chooses to continue or to go back. Remembered for the rest of the visit, forgotten
 * by reset(). `inline` shows it in place of a part of a screen (an opened timeline event, a biography)
 * rather than in place of the whole screen.
 */
export function ContentNoteGate({
  noteKey,
  note,
  noteLang,
  title,
  onBack,
  inline = false,
  children,
}: {
  noteKey: string;
  note: string | undefined;
  noteLang?: string;
  title?: string;
  onBack?: () => void;
  inline?: boolean;
  children: ReactNode;
}): ReactNode {
  const { t } = useLang();
  const acknowledged = useVisit((s) => s.acknowledgedNotes.includes(noteKey));
  const acknowledge = useVisit((s) => s.acknowledgeNote);
  const back = useVisit((s) => s.back);
  const headingId = useId();
  if (!note || acknowledged) return children;
  return (
    <section
      className={inline ? 'content-note inline' : 'content-note'}
      data-testid="content-note"
      aria-labelledby={headingId}
    >
      <div className="content-note-mark" aria-hidden="true">
        <Icon name="note" />
      </div>
      <h2 id={headingId}>{t.contentNote}</h2>
      {title ? <p className="content-note-subject">{title}</p> : null}
      <p className="content-note-text" lang={noteLang}>
        {note}
      </p>
      <div className="content-note-actions">
        <button
          type="button"
          className="secondary-button"
          onClick={() => {
            recordEvent({ name: 'contentNote', item: noteKey, answer: 'decline' });
            (onBack ?? back)();
          }}
          data-testid="content-note-back"
        >
          {t.contentNoteBack}
        </button>
        <button
          type="button"
          className="primary-button"
          onClick={() => {
            recordEvent({ name: 'contentNote', item: noteKey, answer: 'continue' });
            acknowledge(noteKey);
          }}
          data-testid="content-note-continue"
        >
          {t.contentNoteContinue}
        </button>
      </div>
    </section>
  );
}
