/**
 * The Publish panel (issue 15), a curator's: what publishing would do now (the next version, the checker's
 * counts, drafts by language, placeholder images), what blocks it (each reason, the items with errors to
 * open), one dialog that confirms drafts and placeholders and shows the publish while it runs, and the
 * result. The backend decides everything (main/editor/publishDecision.ts); the page sends only the version
 * it showed and the confirmation — never a path.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  editorApi,
  editorPublishPreviewSchema,
  editorPublishResultSchema,
  type EditorPublishPreview,
  type EditorPublishResult,
  type PublishNotice,
} from '../../../main/common/editorApi';
import { call, editorCalls, SignedOut } from './api';
import { hasUnsavedChanges, openItem } from './openItem';
import { titleOf } from './SchemaForm';
import { useEditor } from './store';
import { languageName, t, type UiLang } from './text';
import { noticeText, pt, sizeText } from './publishText';
import './publish.css';

const publishCalls = {
  preview: async (token: string) => editorPublishPreviewSchema.parse(await call(token, editorApi.publish)),
  publish: async (token: string, version: number, confirm: boolean) =>
    editorPublishResultSchema.parse(
      await call(token, editorApi.publish, { method: 'POST', body: { version, confirm } }),
    ),
};

/** The header's button that opens (and closes) the panel: a curator's only. */
export function PublishButton() {
  const ui = useEditor((s) => s.ui);
  const role = useEditor((s) => s.role);
  const open = useEditor((s) => s.publishOpen);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  if (role !== 'curator' || !overview) return null;
  return (
    <button
      type="button"
      className={open ? '' : 'primary'}
      aria-pressed={open}
      data-testid="open-publish"
      onClick={() => set({ publishOpen: !open })}
    >
      {pt(ui, 'publishOpen')}
    </button>
  );
}

/** Drafts by language, named in the interface language: "Japanese 27, Indonesian 27". */
function draftsByLanguage(ui: UiLang, counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([lang, n]) => `${languageName(ui, lang)} ${n}`)
    .join(ui === 'zh-Hans' ? '，' : ', ');
}

/** A confirmation in the interface language, its languages named. */
function confirmText(ui: UiLang, notice: PublishNotice, preview: EditorPublishPreview): string {
  if (notice.code === 'drafts')
    return pt(ui, 'confirmDrafts', {
      n: notice.values.n ?? 0,
      languages: draftsByLanguage(ui, preview.draftLanguages),
    });
  if (notice.code === 'placeholders') return pt(ui, 'confirmPlaceholders', { n: notice.values.n ?? 0 });
  return noticeText(ui, notice);
}

type Outcome = Exclude<EditorPublishResult, { status: 'confirm' }> | { status: 'error'; message: string };

export function PublishPanel() {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const overview = useEditor((s) => s.overview);
  const item = useEditor((s) => s.item);
  const draft = useEditor((s) => s.draft);
  const set = useEditor((s) => s.set);
  const [preview, setPreview] = useState<EditorPublishPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dialog, setDialog] = useState<{ confirm: PublishNotice[]; running: boolean } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const publishRef = useRef<HTMLButtonElement>(null);

  // Opened from the header: the keyboard goes on from the panel's title, not from the item list.
  useEffect(() => titleRef.current?.focus(), []);

  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof SignedOut) set({ token: null, role: null, publishOpen: false });
      else setOutcome({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    },
    [set],
  );

  const load = useCallback(async () => {
    if (!token) return;
    setLoading(true);
    try {
      const [shown, fresh] = await Promise.all([
        publishCalls.preview(token),
        editorCalls.overview(token).catch(() => null),
      ]);
      setPreview(shown);
      if (fresh) set({ overview: fresh });
    } catch (error) {
      fail(error);
    } finally {
      setLoading(false);
    }
  }, [token, set, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const publish = async () => {
    if (!token || !preview?.version || !dialog) return;
    setDialog({ ...dialog, running: true });
    try {
      const answer = await publishCalls.publish(token, preview.version, dialog.confirm.length > 0);
      if (answer.status === 'confirm') {
        // Drafts or placeholders appeared since the panel looked: confirm these.
        setDialog({ confirm: answer.confirm, running: false });
        return;
      }
      setDialog(null);
      setOutcome(answer);
      void load();
    } catch (error) {
      setDialog(null);
      fail(error);
    }
  };

  const dirty = hasUnsavedChanges({ item, draft });
  const errorItems = (overview?.items ?? []).filter((i) => i.errors > 0);
  const blocked = preview !== null && preview.refusals.length > 0;
  const notSetUp = preview?.refusals.some((r) => r.code === 'not-set-up') ?? false;
  const c = preview?.checker;

  return (
    <section
      className="editor publish-panel"
      aria-labelledby="publish-title"
      aria-busy={loading}
      data-testid="publish-panel"
    >
      <div className="editor-head">
        <div>
          <h2 id="publish-title" ref={titleRef} tabIndex={-1}>
            {pt(ui, 'publishTitle')}
          </h2>
          <p className="muted small">{pt(ui, 'publishLead')}</p>
        </div>
        <div className="editor-actions">
          <button type="button" onClick={() => set({ publishOpen: false })}>
            {pt(ui, 'backToEditing')}
          </button>
          <button type="button" onClick={() => void load()} disabled={loading || dialog !== null}>
            {pt(ui, 'publishAgain')}
          </button>
          {preview?.version && !notSetUp ? (
            <button
              ref={publishRef}
              type="button"
              className="primary"
              data-testid="publish"
              disabled={loading || blocked || dialog !== null}
              onClick={() => {
                setOutcome(null);
                setDialog({ confirm: preview.confirm, running: false });
              }}
            >
              {pt(ui, 'publishButton', { version: preview.version })}
            </button>
          ) : null}
        </div>
      </div>

      {outcome ? (
        <div
          ref={resultRef}
          tabIndex={-1}
          className={`notice publish-result ${outcome.status === 'published' ? 'good' : 'bad'}`}
          role={outcome.status === 'published' ? 'status' : 'alert'}
          data-testid="publish-result"
        >
          {outcome.status === 'published' ? (
            <>
              <h3>{pt(ui, 'publishedTitle', { version: outcome.version })}</h3>
              <p data-testid="publish-result-text">
                {pt(ui, 'publishedResult', {
                  file: outcome.fileName,
                  size: sizeText(outcome.size),
                  files: outcome.files,
                })}
              </p>
              <p className="small">{pt(ui, 'publishedWhere', { folder: outcome.folder })}</p>
            </>
          ) : (
            <>
              <h3>{pt(ui, 'refusedTitle')}</h3>
              {outcome.status === 'refused' ? (
                <ul>
                  {outcome.refusals.map((r, i) => (
                    <li key={i}>{noticeText(ui, r)}</li>
                  ))}
                </ul>
              ) : (
                <p>{outcome.message}</p>
              )}
            </>
          )}
        </div>
      ) : null}

      {notSetUp ? (
        <p className="notice plain" data-testid="publish-not-set-up">
          {/* The flags as typed, never broken at their hyphens. */}
          {pt(ui, 'publishNotSetUp')
            .split(/(--[a-z-]+)/)
            .map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
        </p>
      ) : null}

      {!preview ? (
        <p className="muted">{loading ? pt(ui, 'publishChecking') : null}</p>
      ) : (
        <>
          <dl className="publish-facts" data-testid="publish-facts">
            <dt>{pt(ui, 'publishExhibit')}</dt>
            <dd>
              {pt(ui, 'publishExhibitValue', {
                id: preview.exhibitId ?? '—',
                version: preview.exhibitVersion || '—',
              })}
            </dd>
            {preview.version && !notSetUp ? (
              <>
                <dt>{pt(ui, 'publishNext')}</dt>
                <dd data-testid="publish-next">
                  {pt(ui, 'publishNextValue', { version: preview.version })}{' '}
                  <span className="file-name">{preview.fileName}</span>
                </dd>
              </>
            ) : null}
            {preview.setUp ? (
              <>
                <dt>{pt(ui, 'publishLatest')}</dt>
                <dd>
                  {preview.latest
                    ? pt(ui, 'publishLatestValue', { version: preview.latest })
                    : pt(ui, 'publishLatestNone')}
                </dd>
                <dt>{pt(ui, 'publishFolder')}</dt>
                <dd className="path">{preview.folder}</dd>
              </>
            ) : null}
            <dt>{pt(ui, 'publishContent')}</dt>
            <dd>{pt(ui, 'publishContentValue', { files: preview.files, size: sizeText(preview.bytes) })}</dd>
          </dl>

          <h3 className="publish-subtitle">{pt(ui, 'publishCheck')}</h3>
          <ul className="publish-counts" data-testid="publish-counts">
            <li className={c && c.errors > 0 ? 'bad' : ''}>
              <span>{pt(ui, 'countErrors')}</span> <strong>{c?.errors ?? 0}</strong>
            </li>
            <li>
              <span>{pt(ui, 'countWarnings')}</span> <strong>{c?.warnings ?? 0}</strong>
            </li>
            <li className={c && c.drafts > 0 ? 'warn' : ''}>
              <span>{pt(ui, 'countDrafts')}</span> <strong>{c?.drafts ?? 0}</strong>
              {c && c.drafts > 0 ? (
                <span className="muted small"> — {draftsByLanguage(ui, preview.draftLanguages)}</span>
              ) : null}
            </li>
            <li className={c && c.placeholders > 0 ? 'warn' : ''}>
              <span>{pt(ui, 'countPlaceholders')}</span> <strong>{c?.placeholders ?? 0}</strong>
            </li>
          </ul>

          {blocked && !(notSetUp && preview.refusals.length === 1) ? (
            <div className="problem-list publish-blocked" data-testid="publish-blocked">
              <h3>{pt(ui, 'publishBlocked')}</h3>
              <ul className="reasons">
                {preview.refusals
                  .filter((r) => r.code !== 'not-set-up')
                  .map((r, i) => (
                    <li key={i} data-code={r.code}>
                      {noticeText(ui, r)}
                    </li>
                  ))}
              </ul>
              {preview.firstErrors.length > 0 ? (
                <>
                  <p className="muted small">{pt(ui, 'publishFirstErrors')}</p>
                  <ul className="first-errors">
                    {preview.firstErrors.map((line, i) => (
                      <li key={i}>
                        <code>{line}</code>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {c && c.errors > 0 && errorItems.length > 0 ? (
                <>
                  <p className="muted small">{pt(ui, 'publishErrorItems')}</p>
                  <ul>
                    {errorItems.map((i) => (
                      <li key={`${i.kind}-${i.id}`}>
                        <button
                          type="button"
                          className="problem error"
                          data-testid={`publish-error-${i.kind}-${i.id}`}
                          onClick={() => openItem(i.kind, i.id)}
                        >
                          <strong>{titleOf(i, ui, overview?.languages ?? []) || i.id}</strong> —{' '}
                          {t(ui, `kindOne_${i.kind}`)} ·{' '}
                          {i.errors === 1 ? t(ui, 'badgeErrorOne') : t(ui, 'badgeErrors', { n: i.errors })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}

          {!blocked ? (
            <p className="notice good" data-testid="publish-ready">
              {pt(ui, 'publishReady')}
              {preview.confirm.length > 0 ? ` ${pt(ui, 'publishWillConfirm')}` : ''}
            </p>
          ) : null}
          {dirty ? <p className="notice plain">{pt(ui, 'publishUnsaved')}</p> : null}
        </>
      )}

      {dialog && preview?.version ? (
        <ConfirmDialog
          version={preview.version}
          confirm={dialog.confirm}
          running={dialog.running}
          preview={preview}
          onCancel={() => {
            setDialog(null);
            // Back where the question was asked (the dialog leaves the page rather than closing itself).
            requestAnimationFrame(() => publishRef.current?.focus());
          }}
          onPublish={() => void publish()}
        />
      ) : null}
    </section>
  );
}

function ConfirmDialog(props: {
  version: number;
  confirm: PublishNotice[];
  running: boolean;
  preview: EditorPublishPreview;
  onCancel(): void;
  onPublish(): void;
}) {
  const ui = useEditor((s) => s.ui);
  const ref = useRef<HTMLDialogElement>(null);
  const progressRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // The buttons are disabled while it runs: the focus goes to the progress, not to the page behind.
  useEffect(() => {
    if (props.running) progressRef.current?.focus();
  }, [props.running]);
  const title = pt(ui, 'confirmTitle', { version: props.version });
  return createPortal(
    <dialog
      ref={ref}
      className="publish-dialog"
      aria-labelledby="publish-dialog-title"
      aria-busy={props.running}
      data-testid="publish-dialog"
      // Escape closes it, but never while the publish runs: the answer is awaited, then shown.
      onCancel={(e) => {
        e.preventDefault();
        if (!props.running) props.onCancel();
      }}
    >
      <h2 id="publish-dialog-title">{title}</h2>
      <p>{pt(ui, 'confirmLead', { version: props.version })}</p>
      {props.confirm.length > 0 ? (
        <>
          <ul className="publish-confirm-list" data-testid="publish-confirm-list">
            {props.confirm.map((c) => (
              <li key={c.code} data-code={c.code}>
                {confirmText(ui, c, props.preview)}
              </li>
            ))}
          </ul>
          <p>
            <strong>{pt(ui, 'confirmQuestion')}</strong>
          </p>
        </>
      ) : (
        <p className="muted">{pt(ui, 'confirmNone')}</p>
      )}
      {props.running ? (
        <div
          ref={progressRef}
          tabIndex={-1}
          className="publish-progress"
          role="status"
          data-testid="publish-progress"
        >
          <progress aria-label={pt(ui, 'publishing', { version: props.version })} />
          <p>{pt(ui, 'publishing', { version: props.version })}</p>
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} disabled={props.running} autoFocus>
          {t(ui, 'cancel')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={props.onPublish}
          disabled={props.running}
          data-testid="publish-confirm"
        >
          {pt(ui, 'confirmPublish', { version: props.version })}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}
