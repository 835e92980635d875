/**
 * The exhibit editor's screens: sign-in with the staff PIN; for curators and translators the item list,
 * the form of the chosen item and the live preview of the kiosk; for technicians the device settings.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  matchesSearch,
  type EditorRole,
  type EditorSaveResult,
  type EditorSignInChoices,
  type FieldProblem,
  type ItemKind,
  type ItemSummary,
  ITEM_KINDS,
} from '../../../main/common/editorApi';
import { editorCalls, SignedOut } from './api';
import { setAt as setAtImpl, targetFieldId, type Path, type SchemaNode } from './formModel';
import { Field, titleOf, type FormContext } from './SchemaForm';
import { useEditor, type Filter } from './store';
import { languageName, t, UI_LANGUAGES, type UiLang } from './text';
import { HistoryPanel } from './HistoryPanel';
import { PhotoUpload } from './PhotoUpload';
import { ConflictDialog } from './ConflictDialog';
import { Preview } from './Preview';
import { createItem, ItemActions, ListActions } from './ItemDialogs';
import { PublishButton, PublishPanel } from './Publish';
import { hasUnsavedChanges, openItem } from './openItem';
import { translationProgress } from './translationProgress';
import {
  keepUnsavedNow,
  loadedState,
  RecoveryDialog,
  RecoveryReminder,
  RecoveryStatus,
  useRecoveryOffers,
  useRecoveryWriter,
} from './Recovery';

export function App() {
  const token = useEditor((s) => s.token);
  const role = useEditor((s) => s.role);
  const ui = useEditor((s) => s.ui);
  useEffect(() => {
    document.documentElement.lang = ui;
    document.title = `${t(ui, 'appTitle')} — Memorial Kiosk`;
  }, [ui]);
  return (
    <div className="app">
      <Header />
      {!token ? <SignIn /> : role === 'technician' ? <SettingsScreen /> : <Workspace />}
    </div>
  );
}

function Header() {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const role = useEditor((s) => s.role);
  const set = useEditor((s) => s.set);
  const signOut = async () => {
    // Unsaved edits stay kept, the last second's too: they are offered again at the next sign-in.
    if (token) {
      await keepUnsavedNow(token);
      void editorCalls.lock(token);
    }
    set({
      token: null,
      role: null,
      overview: null,
      item: null,
      selected: null,
      draft: null,
      settings: null,
      recoveryOffers: null,
      recoveryOpen: false,
      recovering: null,
      recoveryKept: null,
      publishOpen: false,
    });
  };
  return (
    <header className="top">
      <h1>{t(ui, 'appTitle')}</h1>
      <div className="top-actions">
        <label>
          <span className="visually-hidden">{t(ui, 'language')}</span>
          <select
            value={ui}
            aria-label={t(ui, 'language')}
            onChange={(e) => set({ ui: e.target.value as UiLang })}
          >
            {UI_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(l, l)}
              </option>
            ))}
          </select>
        </label>
        {token && role ? (
          <>
            <PublishButton />
            <span className="muted">
              {t(ui, 'signedInAs', { role: t(ui, `role_${role}`).split(/—|——/)[0]?.trim() ?? role })}
            </span>
            <button type="button" onClick={() => void signOut()}>
              {t(ui, 'signOut')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}

function SignIn() {
  const ui = useEditor((s) => s.ui);
  const set = useEditor((s) => s.set);
  const [choices, setChoices] = useState<EditorSignInChoices | null>(null);
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<EditorRole>('curator');
  const [langs, setLangs] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void editorCalls.choices().then((c) => {
      setChoices(c);
      if (c.roles[0]) setRole(c.roles[0]);
    });
  }, []);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const result = await editorCalls.unlock(pin, role, langs);
      if (result.ok && result.token && result.role) {
        set({ token: result.token, role: result.role, languages: result.languages ?? [] });
        return;
      }
      setPin('');
      setMessage(
        result.lockedForSeconds
          ? t(ui, 'lockedOut', { n: result.lockedForSeconds })
          : result.triesLeft !== undefined
            ? t(ui, 'wrongPin', { n: result.triesLeft })
            : (result.message ?? ''),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t(ui, 'signInTitle')}</h2>
        <p className="lead">{t(ui, 'signInLead')}</p>
        <div className="field">
          <label className="field-label" htmlFor="pin">
            {t(ui, 'pin')}
          </label>
          <input
            id="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </div>
        <fieldset className="group">
          <legend>{t(ui, 'role')}</legend>
          {(choices?.roles ?? []).map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
              {t(ui, `role_${r}`)}
            </label>
          ))}
        </fieldset>
        {role === 'translator' ? (
          <fieldset className="group">
            <legend>{t(ui, 'myLanguages')}</legend>
            {(choices?.languages ?? []).map((l) => (
              <label key={l} className="radio">
                <input
                  type="checkbox"
                  checked={langs.includes(l)}
                  onChange={(e) => setLangs(e.target.checked ? [...langs, l] : langs.filter((x) => x !== l))}
                />
                {languageName(ui, l)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {message ? (
          <p className="notice bad" role="alert">
            {message}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy || pin.length < 4}>
          {t(ui, 'signIn')}
        </button>
      </form>
    </main>
  );
}

/** Runs a call; a lost session returns to the sign-in. */
function useCall() {
  const set = useEditor((s) => s.set);
  return useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | null> => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof SignedOut) set({ token: null, role: null });
        else set({ notice: { tone: 'bad', text: String((error as Error).message) } });
        return null;
      }
    },
    [set],
  );
}

function Workspace() {
  const token = useEditor((s) => s.token);
  const overview = useEditor((s) => s.overview);
  const publishOpen = useEditor((s) => s.publishOpen);
  const set = useEditor((s) => s.set);
  const run = useCall();
  useEffect(() => {
    if (!token) return;
    void run(() => editorCalls.overview(token)).then((o) => {
      if (o) set({ overview: o });
    });
  }, [token, run, set]);
  useRecoveryOffers();
  if (!overview) return <main className="loading" aria-busy="true" />;
  return (
    <main className="workspace">
      <ItemList />
      {/* The Publish panel takes the form's place; the form stays (hidden) with its unsaved changes. */}
      {publishOpen ? <PublishPanel /> : null}
      <div className="form-slot" hidden={publishOpen}>
        <ItemEditor />
      </div>
      <Preview />
      <RecoveryDialog />
    </main>
  );
}

function filterMatches(item: ItemSummary, filter: Filter): boolean {
  switch (filter.type) {
    case 'all':
      return true;
    case 'problems':
      return item.errors + item.warnings > 0;
    case 'placeholder':
      return item.placeholder;
    case 'review':
      return item.drafts.includes(filter.lang) || item.missing.includes(filter.lang);
  }
}

/** A language's translation queue, as progress: reviewed of all items, drafts, not translated. */
function ReviewProgress({ lang }: { lang: string }) {
  const ui = useEditor((s) => s.ui);
  const overview = useEditor((s) => s.overview);
  if (!overview) return null;
  const p = translationProgress(overview.items, lang);
  const text = t(ui, 'reviewProgress', {
    lang: languageName(ui, lang),
    reviewed: p.reviewed,
    total: p.total,
    drafts: p.drafts,
    missing: p.missing,
  });
  return (
    <div className="review-progress" data-testid="review-progress">
      <progress max={Math.max(1, p.total)} value={p.reviewed} aria-label={text} />
      <p>{text}</p>
    </div>
  );
}

function ItemList() {
  const ui = useEditor((s) => s.ui);
  const overview = useEditor((s) => s.overview);
  const filter = useEditor((s) => s.filter);
  const query = useEditor((s) => s.query);
  const selected = useEditor((s) => s.selected);
  const set = useEditor((s) => s.set);
  if (!overview) return null;
  const visible = overview.items.filter((i) => filterMatches(i, filter) && matchesSearch(i, query));
  const filterValue = filter.type === 'review' ? `review:${filter.lang}` : filter.type;
  const choose = (i: ItemSummary) => openItem(i.kind, i.id);
  return (
    <nav className="item-list" aria-label={t(ui, 'appTitle')}>
      <RecoveryReminder />
      <ListActions />
      <input
        type="search"
        value={query}
        placeholder={t(ui, 'search')}
        aria-label={t(ui, 'search')}
        onChange={(e) => set({ query: e.target.value })}
      />
      <label className="filter">
        {t(ui, 'filter')}{' '}
        <select
          value={filterValue}
          onChange={(e) => {
            const v = e.target.value;
            set({
              filter: v.startsWith('review:')
                ? { type: 'review', lang: v.slice(7) }
                : ({ type: v } as Filter),
            });
          }}
        >
          <option value="all">{t(ui, 'filterAll')}</option>
          <option value="problems">{t(ui, 'filterProblems')}</option>
          <option value="placeholder">{t(ui, 'filterPlaceholder')}</option>
          {overview.languages.map((l) => (
            <option key={l} value={`review:${l}`}>
              {t(ui, 'filterReview', { lang: languageName(ui, l) })}
            </option>
          ))}
        </select>
      </label>
      {filter.type === 'review' ? <ReviewProgress lang={filter.lang} /> : null}
      {visible.length === 0 ? <p className="muted">{t(ui, 'noItems')}</p> : null}
      {ITEM_KINDS.map((kind) => {
        const items = visible.filter((i) => i.kind === kind);
        if (items.length === 0) return null;
        return (
          <section key={kind}>
            <h2>
              {t(ui, `kind_${kind}`)} <span className="count">{items.length}</span>
            </h2>
            <ul>
              {items.map((i) => (
                <li key={i.id}>
                  <button
                    type="button"
                    data-testid={`item-${i.kind}-${i.id}`}
                    aria-current={selected?.kind === i.kind && selected.id === i.id ? 'true' : undefined}
                    onClick={() => choose(i)}
                  >
                    {i.thumbnail ? (
                      <img src={i.thumbnail} alt="" loading="lazy" />
                    ) : (
                      <span className="no-thumb" aria-hidden="true" />
                    )}
                    <span className="item-text">
                      <span className="item-title">{titleOf(i, ui, overview.languages)}</span>
                      <Badges item={i} ui={ui} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}

function Badges({ item, ui }: { item: ItemSummary; ui: UiLang }) {
  const list: { key: string; tone: string; text: string }[] = [];
  if (item.errors)
    list.push({
      key: 'e',
      tone: 'bad',
      text: item.errors === 1 ? t(ui, 'badgeErrorOne') : t(ui, 'badgeErrors', { n: item.errors }),
    });
  if (item.warnings)
    list.push({
      key: 'w',
      tone: 'warn',
      text: item.warnings === 1 ? t(ui, 'badgeWarningOne') : t(ui, 'badgeWarnings', { n: item.warnings }),
    });
  if (item.placeholder) list.push({ key: 'p', tone: 'plain', text: t(ui, 'badgePlaceholder') });
  if (item.contentNote) list.push({ key: 'n', tone: 'plain', text: t(ui, 'badgeNote') });
  if (item.drafts.length)
    list.push({ key: 'd', tone: 'plain', text: t(ui, 'badgeDraft', { langs: item.drafts.join(', ') }) });
  if (item.missing.length)
    list.push({ key: 'm', tone: 'warn', text: t(ui, 'badgeMissing', { langs: item.missing.join(', ') }) });
  if (list.length === 0) return null;
  return (
    <span className="badges">
      {list.map((b) => (
        <span key={b.key} className={`badge ${b.tone}`}>
          {b.text}
        </span>
      ))}
    </span>
  );
}

/** Applies a save's answer to the store. */
function useSaveAnswer() {
  const set = useEditor((s) => s.set);
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  return useCallback(
    async (result: EditorSaveResult | null) => {
      if (!result) return;
      if (result.status === 'saved') {
        const errors = result.item.problems.length;
        set({
          item: result.item,
          draft: result.item.data,
          refused: [],
          conflict: null,
          notice: {
            tone: errors ? 'plain' : 'good',
            text: errors ? t(ui, 'savedWithProblems', { n: errors }) : t(ui, 'saved'),
          },
        });
        if (token) {
          const overview = await editorCalls.overview(token).catch(() => null);
          if (overview) set({ overview });
          // The preview reloads once the kiosk's content shows the save.
          await editorCalls.previewReady(token).catch(() => null);
          set({ previewKey: useEditor.getState().previewKey + 1 });
        }
      } else if (result.status === 'invalid') {
        set({ refused: result.problems, notice: { tone: 'bad', text: t(ui, 'invalid') } });
      } else if (result.status === 'conflict') {
        set({
          conflict: { mine: result.mine, theirs: result.theirs },
          notice: { tone: 'bad', text: result.message },
        });
      } else {
        set({ notice: { tone: 'bad', text: result.message } });
      }
    },
    [set, ui, token],
  );
}

function ItemEditor() {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const role = useEditor((s) => s.role);
  const myLanguages = useEditor((s) => s.languages);
  const overview = useEditor((s) => s.overview);
  const selected = useEditor((s) => s.selected);
  const item = useEditor((s) => s.item);
  const draft = useEditor((s) => s.draft);
  const refused = useEditor((s) => s.refused);
  const notice = useEditor((s) => s.notice);
  const saving = useEditor((s) => s.saving);
  const translate = useEditor((s) => s.translate);
  const conflict = useEditor((s) => s.conflict);
  const set = useEditor((s) => s.set);
  const run = useCall();
  const answer = useSaveAnswer();
  const [showHistory, setShowHistory] = useState(false);
  const [storyLang, setStoryLang] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  useRecoveryWriter();

  useEffect(() => {
    if (!token || !selected || useEditor.getState().creating) return;
    void run(() => editorCalls.item(token, selected.kind, selected.id)).then((loaded) => {
      // With unsaved edits being restored, they go into the form (or the comparison) now.
      if (loaded) set(loadedState(loaded));
    });
    setShowHistory(false);
    setStoryLang(null);
  }, [token, selected, run, set]);

  // A translator always translates, into one of their languages.
  useEffect(() => {
    if (!overview) return;
    if (role === 'translator' && (!translate || !myLanguages.includes(translate.target))) {
      const target = myLanguages[0] ?? overview.defaultLanguage;
      const source =
        overview.defaultLanguage !== target
          ? overview.defaultLanguage
          : (overview.languages.find((l) => l !== target) ?? target);
      set({ translate: { source, target } });
    }
  }, [role, translate, myLanguages, overview, set]);

  if (!overview) return null;
  if (!selected || !item || item.kind !== selected.kind || item.id !== selected.id)
    return (
      <section className="editor empty">
        <p className="muted">{t(ui, 'chooseItem')}</p>
      </section>
    );

  const problems: FieldProblem[] = [...refused, ...(refused.length ? [] : item.problems)];
  const dirty = hasUnsavedChanges({ item, draft });
  const summary = overview.items.find((i) => i.kind === item.kind && i.id === item.id);
  const languages = overview.languages;

  const readOnly = (path: Path): boolean => {
    // A story's cover, related items, sources and order are read from its default-language file only
    // (the checker warns when another file differs): they are edited there.
    if (
      item.kind === 'story' &&
      path[0] !== overview.defaultLanguage &&
      ['cover', 'related', 'sources', 'order'].includes(String(path[1]))
    )
      return true;
    if (role === 'curator') return false;
    if (role !== 'translator') return true;
    const last = path[path.length - 1];
    if (item.kind === 'story') {
      const [lang, field] = path;
      return !(
        typeof lang === 'string' &&
        myLanguages.includes(lang) &&
        (field === undefined || ['title', 'summary', 'contentNote', 'body', 'draft'].includes(String(field)))
      );
    }
    return !(typeof last === 'string' && myLanguages.includes(last));
  };
  const change = (path: Path, value: unknown) => {
    set({ draft: setAtImpl(useEditor.getState().draft, path, value) });
  };

  const save = async () => {
    if (!token) return;
    set({ saving: true, notice: null });
    const creating = useEditor.getState().creating;
    const result = await run(() =>
      creating
        ? createItem(token, item.kind, item.id, draft)
        : editorCalls.save(token, item.kind, item.id, item.revision, draft),
    );
    set({ saving: false });
    if (creating && result?.status === 'saved') set({ creating: false });
    await answer(result);
  };

  const jump = (p: FieldProblem) => {
    const id = targetFieldId(p, (candidate) => document.getElementById(candidate) !== null);
    if (item.kind === 'story' && p.field) {
      const lang = p.field.split('.')[0];
      if (lang && lang !== storyLang && languages.includes(lang)) {
        setStoryLang(lang);
        requestAnimationFrame(() => focusField(p));
        return;
      }
    }
    if (id) focusById(id);
  };
  const focusField = (p: FieldProblem) => {
    const id = targetFieldId(p, (candidate) => document.getElementById(candidate) !== null);
    if (id) focusById(id);
  };

  const schema = overview.schemas[item.kind] as SchemaNode;
  const ctx = (root: unknown, refOffset: number): FormContext => ({
    kind: item.kind,
    ui,
    languages,
    refOffset,
    translate,
    problems,
    items: overview.items,
    readOnly,
    change,
    root,
  });

  return (
    <section className="editor" aria-labelledby="item-title">
      <div className="editor-head">
        <div>
          <p className="kind">{t(ui, `kind_${item.kind}`)}</p>
          <h2 id="item-title">{titleOf(summary, ui, languages) || item.id}</h2>
          <p className="muted small">{t(ui, 'fileOnDisk', { files: item.files.join(', ') })}</p>
        </div>
        <div className="editor-actions">
          {dirty ? (
            <span className="unsaved-state">
              <span className="unsaved">{t(ui, 'unsaved')}</span>
              <RecoveryStatus kind={item.kind} id={item.id} />
            </span>
          ) : null}
          <ItemActions />
          {item.revision ? (
            <button type="button" onClick={() => setShowHistory(!showHistory)} aria-expanded={showHistory}>
              {t(ui, 'history')}
            </button>
          ) : null}
          <button
            type="button"
            className="primary"
            data-testid="save"
            disabled={saving}
            onClick={() => void save()}
          >
            {saving ? t(ui, 'saving') : item.revision ? t(ui, 'save') : t(ui, 'addToExhibit')}
          </button>
        </div>
      </div>
      <TranslateBar kind={item.kind} />
      {notice ? (
        <p
          className={`notice ${notice.tone}`}
          role={notice.tone === 'bad' ? 'alert' : 'status'}
          data-testid="notice"
        >
          {notice.text}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div className="problem-list" data-testid="problems">
          <h3>{t(ui, 'problems')}</h3>
          <p className="muted small">{t(ui, 'problemsLead')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <button type="button" className={`problem ${p.severity}`} onClick={() => jump(p)}>
                  <strong>{p.field ?? p.file}</strong> — {p.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {showHistory ? <HistoryPanel onRestored={(r) => void answer(r)} /> : null}
      <PhotoUpload />
      <div className="form" ref={formRef}>
        {item.kind === 'story' ? (
          <StoryForm schema={schema} ctx={ctx} lang={storyLang} setLang={setStoryLang} />
        ) : (
          <Field node={schema} path={[]} ctx={ctx(draft, 0)} />
        )}
      </div>
      {conflict ? <ConflictDialog onAnswer={(r) => void answer(r)} /> : null}
    </section>
  );
}

function focusById(id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  const focusable = element.matches('input, textarea, select, button')
    ? element
    : element.querySelector<HTMLElement>('input, textarea, select, button');
  (focusable ?? element).focus();
}

function TranslateBar({ kind }: { kind: ItemKind }) {
  const ui = useEditor((s) => s.ui);
  const role = useEditor((s) => s.role);
  const overview = useEditor((s) => s.overview);
  const translate = useEditor((s) => s.translate);
  const myLanguages = useEditor((s) => s.languages);
  const draft = useEditor((s) => s.draft);
  const set = useEditor((s) => s.set);
  if (!overview || (kind === 'exhibit' && role !== 'translator')) return null;
  const targets = role === 'translator' ? myLanguages : overview.languages;
  const on = translate !== null;
  const reviewedBox = () => {
    if (!translate) return null;
    let reviewed: boolean;
    let toggle: (v: boolean) => void;
    if (kind === 'story') {
      const version = (draft as Record<string, { draft?: boolean }> | null)?.[translate.target];
      if (!version) return null;
      reviewed = version.draft !== true;
      toggle = (v) => set({ draft: setAtImpl(draft, [translate.target, 'draft'], v ? undefined : true) });
    } else if (kind === 'timeline') {
      return null;
    } else {
      const drafts = ((draft as { drafts?: string[] } | null)?.drafts ?? []) as string[];
      reviewed = !drafts.includes(translate.target);
      toggle = (v) => {
        const next = v ? drafts.filter((l) => l !== translate.target) : [...drafts, translate.target];
        set({ draft: setAtImpl(draft, ['drafts'], next.length ? next : undefined) });
      };
    }
    return (
      <label className="radio reviewed">
        <input
          type="checkbox"
          checked={reviewed}
          data-testid="reviewed"
          onChange={(e) => toggle(e.target.checked)}
        />
        {t(ui, 'reviewed')} ({languageName(ui, translate.target)})
      </label>
    );
  };
  return (
    <div className="translate-bar">
      {role !== 'translator' ? (
        <label className="radio">
          <input
            type="checkbox"
            checked={on}
            onChange={(e) =>
              set({
                translate: e.target.checked
                  ? {
                      source: overview.defaultLanguage,
                      target:
                        overview.languages.find((l) => l !== overview.defaultLanguage) ??
                        overview.defaultLanguage,
                    }
                  : null,
              })
            }
          />
          {t(ui, 'translate')}
        </label>
      ) : (
        <span>{t(ui, 'translate')}</span>
      )}
      {translate ? (
        <>
          <label>
            {t(ui, 'translateFrom')}{' '}
            <select
              value={translate.source}
              onChange={(e) => set({ translate: { ...translate, source: e.target.value } })}
            >
              {overview.languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(ui, l)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(ui, 'translateInto')}{' '}
            <select
              value={translate.target}
              onChange={(e) => set({ translate: { ...translate, target: e.target.value } })}
            >
              {targets.map((l) => (
                <option key={l} value={l}>
                  {languageName(ui, l)}
                </option>
              ))}
            </select>
          </label>
          {reviewedBox()}
        </>
      ) : null}
    </div>
  );
}

const STORY_TEXT_FIELDS = ['title', 'summary', 'contentNote'] as const;
const STORY_FIELD_LABEL = {
  title: 'fieldTitle',
  summary: 'fieldSummary',
  contentNote: 'fieldContentNote',
} as const;

function StoryForm(props: {
  schema: SchemaNode;
  ctx(root: unknown, refOffset: number): FormContext;
  lang: string | null;
  setLang(lang: string): void;
}) {
  const ui = useEditor((s) => s.ui);
  const overview = useEditor((s) => s.overview);
  const draft = useEditor((s) => s.draft) as Record<string, Record<string, unknown>>;
  const translate = useEditor((s) => s.translate);
  const role = useEditor((s) => s.role);
  const myLanguages = useEditor((s) => s.languages);
  const set = useEditor((s) => s.set);
  if (!overview) return null;
  const ctx = props.ctx(draft, 1);
  const languages = overview.languages;
  const addLanguage = (lang: string) => {
    const source = draft[overview.defaultLanguage] ?? {};
    set({
      draft: {
        ...draft,
        [lang]: { title: '', summary: '', draft: true, body: typeof source.body === 'string' ? '\n' : '\n' },
      },
    });
  };

  if (translate) {
    const { source, target } = translate;
    const src = draft[source] ?? {};
    const tgt = draft[target];
    const may = role === 'curator' || myLanguages.includes(target);
    if (!tgt)
      return may ? (
        <button type="button" onClick={() => addLanguage(target)}>
          {t(ui, 'addTranslation', { lang: languageName(ui, target) })}
        </button>
      ) : null;
    const row = (field: string, label: string, multiline: boolean) => {
      const id = `field-${target}_${field}`;
      const value = typeof tgt[field] === 'string' ? (tgt[field] as string) : '';
      const change = (v: string) =>
        ctx.change([target, field], v === '' && field === 'contentNote' ? undefined : v);
      const problems = ctx.problems.filter((p) => p.field === `${target}.${field}`);
      return (
        <div className="lang-row side-by-side" key={field}>
          <div className="source" lang={source}>
            <span className="lang-tag">
              {label} · {languageName(ui, source)}
            </span>
            {multiline ? (
              <pre className="body-source">{String(src[field] ?? '—')}</pre>
            ) : (
              <p>{String(src[field] ?? '—')}</p>
            )}
          </div>
          <div className="target">
            <label className="lang-tag" htmlFor={id}>
              {label} · {languageName(ui, target)}
            </label>
            {multiline ? (
              <textarea
                id={id}
                lang={target}
                className="body"
                rows={18}
                value={value}
                disabled={!may}
                onChange={(e) => change(e.target.value)}
              />
            ) : field === 'title' ? (
              <input
                id={id}
                type="text"
                lang={target}
                value={value}
                disabled={!may}
                onChange={(e) => change(e.target.value)}
              />
            ) : (
              <textarea
                id={id}
                lang={target}
                rows={3}
                value={value}
                disabled={!may}
                onChange={(e) => change(e.target.value)}
              />
            )}
            {problems.length ? (
              <ul className="field-problems">
                {problems.map((p, i) => (
                  <li key={i} className={p.severity}>
                    {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      );
    };
    return (
      <div className="story-translate">
        {STORY_TEXT_FIELDS.map((f) => row(f, t(ui, STORY_FIELD_LABEL[f]), false))}
        {row('body', t(ui, 'body'), true)}
      </div>
    );
  }

  const present = languages.filter((l) => draft[l]);
  const lang = props.lang && draft[props.lang] ? props.lang : (present[0] ?? overview.defaultLanguage);
  return (
    <div>
      <div className="tabs" role="tablist" aria-label={t(ui, 'editAll')}>
        {languages.map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            aria-selected={l === lang}
            className={draft[l] ? '' : 'missing'}
            onClick={() => (draft[l] ? props.setLang(l) : (addLanguage(l), props.setLang(l)))}
          >
            {draft[l] ? languageName(ui, l) : `+ ${languageName(ui, l)}`}
          </button>
        ))}
      </div>
      <div role="tabpanel" lang={lang}>
        <Field node={props.schema} path={[lang]} ctx={ctx} />
        <div className="field">
          <label className="field-label" htmlFor={`field-${lang}_body`}>
            {t(ui, 'body')}
          </label>
          <textarea
            id={`field-${lang}_body`}
            className="body"
            rows={22}
            value={String(draft[lang]?.body ?? '')}
            disabled={ctx.readOnly([lang, 'body'])}
            onChange={(e) => ctx.change([lang, 'body'], e.target.value)}
          />
          <ul className="field-problems">
            {ctx.problems
              .filter((p) => p.field === `${lang}.body`)
              .map((p, i) => (
                <li key={i} className={p.severity}>
                  {p.line ? `line ${p.line}: ` : ''}
                  {p.message}
                </li>
              ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function SettingsScreen() {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const settings = useEditor((s) => s.settings);
  const draft = useEditor((s) => s.draft);
  const refused = useEditor((s) => s.refused);
  const notice = useEditor((s) => s.notice);
  const conflict = useEditor((s) => s.conflict);
  const set = useEditor((s) => s.set);
  const run = useCall();
  const load = useCallback(async () => {
    if (!token) return;
    const doc = await run(() => editorCalls.settings(token));
    if (doc) set({ settings: doc, draft: doc.data, refused: [], conflict: null });
  }, [token, run, set]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!settings) return <main className="loading" aria-busy="true" />;
  const problems = refused.length ? refused : settings.problems;
  const ctx: FormContext = {
    kind: 'exhibit',
    ui,
    languages: [],
    refOffset: 0,
    translate: null,
    problems,
    items: [],
    readOnly: () => false,
    change: (path, value) => set({ draft: setAtImpl(useEditor.getState().draft, path, value) }),
    root: draft,
  };
  const save = async () => {
    if (!token) return;
    const result = await run(() => editorCalls.saveSettings(token, settings.revision, draft));
    if (!result) return;
    if (result.status === 'saved') {
      set({
        settings: { ...settings, data: result.item.data, revision: result.item.revision, problems: [] },
        draft: result.item.data,
        refused: [],
        notice: { tone: 'good', text: t(ui, 'settingsSaved') },
      });
    } else if (result.status === 'invalid')
      set({ refused: result.problems, notice: { tone: 'bad', text: t(ui, 'invalid') } });
    else if (result.status === 'conflict')
      set({
        conflict: { mine: result.mine, theirs: result.theirs },
        notice: { tone: 'bad', text: result.message },
      });
    else set({ notice: { tone: 'bad', text: result.message } });
  };
  return (
    <main className="settings">
      <div className="editor-head">
        <div>
          <h2>{t(ui, 'settingsTitle')}</h2>
          <p className="muted">{t(ui, 'settingsLead')}</p>
        </div>
        <button type="button" className="primary" data-testid="save" onClick={() => void save()}>
          {t(ui, 'save')}
        </button>
      </div>
      {notice ? (
        <p
          className={`notice ${notice.tone}`}
          role={notice.tone === 'bad' ? 'alert' : 'status'}
          data-testid="notice"
        >
          {notice.text}
        </p>
      ) : null}
      {problems.length ? (
        <div className="problem-list">
          <h3>{t(ui, 'problems')}</h3>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`problem ${p.severity}`}
                  onClick={() => {
                    const id = targetFieldId(p, (c) => document.getElementById(c) !== null);
                    if (id) focusById(id);
                  }}
                >
                  <strong>{p.field ?? p.file}</strong> — {p.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form">
        <Field node={settings.schema as SchemaNode} path={[]} ctx={ctx} />
      </div>
      {conflict ? (
        <div className="notice bad" role="alert">
          <button type="button" onClick={() => void load()}>
            {t(ui, 'takeTheirs')}
          </button>
        </div>
      ) : null}
    </main>
  );
}
