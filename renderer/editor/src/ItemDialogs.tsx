/**
 * A curator's changes to the list of items: a new item (its id from its title, then an empty form that is
 * added to the exhibit only when the checker accepts it), deleting an item (refused while anything names it:
 * each link is listed and opens that item), renaming its id (every link changes with it), and bringing a
 * deleted item back.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ITEM_KINDS, type EditorSaveResult, type ItemKind } from '../../../main/common/editorApi';
import {
  editorItemApi,
  idFromTitle,
  type EditorChangeResult,
  type EditorDeletedEntry,
  type EditorLink,
  type EditorNewItem,
} from '../../../main/common/editorItems';
import { call, editorCalls } from './api';
import { titleOf } from './SchemaForm';
import { useEditor } from './store';
import { languageName, t, type UiLang } from './text';
import './items.css';

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

export const itemCalls = {
  newItem: (token: string, kind: ItemKind, title: string, id: string) =>
    call<EditorNewItem>(token, `${editorItemApi.newItem}?${q({ kind, title, id })}`),
  create: (token: string, kind: ItemKind, id: string, data: unknown) =>
    call<EditorSaveResult>(token, editorItemApi.create, { method: 'POST', body: { kind, id, data } }),
  links: (token: string, kind: ItemKind, id: string) =>
    call<EditorLink[]>(token, `${editorItemApi.links}?${q({ kind, id })}`),
  remove: (token: string, kind: ItemKind, id: string, revision: string) =>
    call<EditorChangeResult>(token, editorItemApi.delete, { method: 'POST', body: { kind, id, revision } }),
  rename: (token: string, kind: ItemKind, id: string, newId: string, revision: string) =>
    call<EditorChangeResult>(token, editorItemApi.rename, {
      method: 'POST',
      body: { kind, id, newId, revision },
    }),
  deleted: (token: string) => call<EditorDeletedEntry[]>(token, editorItemApi.deleted),
  undelete: (token: string, version: string) =>
    call<EditorSaveResult>(token, editorItemApi.undelete, { method: 'POST', body: { version } }),
};

/** The kinds a curator can add (the exhibit has one exhibit.yaml). */
const NEW_KINDS = ITEM_KINDS.filter((k) => k !== 'exhibit');

function Dialog(props: { label: string; className?: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // In the page's body, so that the styles of the list or form it was opened from do not reach it.
  return createPortal(
    <dialog
      ref={ref}
      className={`item-dialog ${props.className ?? ''}`}
      aria-label={props.label}
      onClose={props.onClose}
    >
      {props.children}
    </dialog>,
    document.body,
  );
}

async function reloadOverview(token: string) {
  const overview = await editorCalls.overview(token).catch(() => null);
  if (overview) useEditor.getState().set({ overview });
}

function bumpPreview(token: string) {
  void editorCalls
    .previewReady(token)
    .catch(() => null)
    .then(() => useEditor.getState().set({ previewKey: useEditor.getState().previewKey + 1 }));
}

/** The line that names a link: the item's title and kind, and the field. */
function LinkLine({ link, ui, onOpen }: { link: EditorLink; ui: UiLang; onOpen(): void }) {
  const overview = useEditor((s) => s.overview);
  const summary = overview?.items.find((i) => i.kind === link.kind && i.id === link.id);
  return (
    <li>
      <button
        type="button"
        className="link-line"
        onClick={onOpen}
        data-testid={`link-${link.kind}-${link.id}`}
      >
        {summary?.thumbnail ? <img src={summary.thumbnail} alt="" /> : <span className="no-thumb" />}
        <span>
          <span className="item-badge-title">
            {titleOf(summary, ui, overview?.languages ?? []) || link.id}
          </span>
          <span className="item-badge-id">
            {t(ui, `kindOne_${link.kind}`)} · {link.field}
            {link.line ? ` · ${t(ui, 'lineN', { n: link.line })}` : ''}
          </span>
        </span>
      </button>
    </li>
  );
}

function LinkList({ links, onOpen }: { links: EditorLink[]; onOpen(link: EditorLink): void }) {
  const ui = useEditor((s) => s.ui);
  return (
    <ul className="link-list" data-testid="links">
      {links.map((l, i) => (
        <LinkLine key={`${l.file}-${l.field}-${i}`} link={l} ui={ui} onOpen={() => onOpen(l)} />
      ))}
    </ul>
  );
}

/** "New…": kind, title (and the id made from it, which may be changed) → an empty form. */
export function NewItemDialog({ onClose }: { onClose(): void }) {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  const [kind, setKind] = useState<ItemKind>('person');
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const suggested = idFromTitle(title);
  const lang = overview?.defaultLanguage ?? 'en';
  const start = async () => {
    if (!token) return;
    const answer = await itemCalls.newItem(token, kind, title, id).catch((e: Error) => ({
      ok: false as const,
      message: e.message,
    }));
    if (!answer.ok) {
      setMessage(answer.message);
      return;
    }
    set({
      creating: true,
      selected: { kind, id: answer.id },
      item: { kind, id: answer.id, data: answer.data, revision: '', problems: [], files: [] },
      draft: answer.data,
      refused: [],
      conflict: null,
      notice: { tone: 'plain', text: t(ui, 'newItemNotice') },
    });
    onClose();
  };
  return (
    <Dialog label={t(ui, 'newItemTitle')} onClose={onClose}>
      <form
        className="item-dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <h2>{t(ui, 'newItemTitle')}</h2>
        <p className="muted">{t(ui, 'newItemLead')}</p>
        <label>
          {t(ui, 'newItemKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as ItemKind)} data-testid="new-kind">
            {NEW_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(ui, `kindOne_${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {kind === 'diary'
            ? t(ui, 'newItemShortName', { lang: languageName(ui, lang) })
            : t(ui, 'newItemName', { lang: languageName(ui, lang) })}
          <input
            value={title}
            autoFocus
            data-testid="new-title"
            onChange={(e) => {
              setTitle(e.target.value);
              setMessage(null);
            }}
          />
        </label>
        <label>
          {t(ui, 'newItemId')}
          <input
            value={id}
            placeholder={suggested}
            data-testid="new-id"
            spellCheck={false}
            onChange={(e) => {
              setId(e.target.value);
              setMessage(null);
            }}
          />
          <span className="muted small">{t(ui, 'idHelp')}</span>
        </label>
        {message ? (
          <p className="notice bad" role="alert" data-testid="dialog-message">
            {message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t(ui, 'cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!title.trim() && !id.trim()}
            data-testid="new-start"
          >
            {t(ui, 'newItemStart')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Opens another item (from a link), leaving this dialog. */
function useOpenItem(onClose: () => void) {
  const set = useEditor((s) => s.set);
  return (link: { kind: ItemKind; id: string }) => {
    set({
      creating: false,
      selected: { kind: link.kind, id: link.id },
      item: null,
      draft: null,
      refused: [],
      conflict: null,
      notice: null,
    });
    onClose();
  };
}

/** "Delete…": what names the item first; deleting is offered only when nothing does. */
export function DeleteDialog({ onClose }: { onClose(): void }) {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const item = useEditor((s) => s.item);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  const [links, setLinks] = useState<EditorLink[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = useOpenItem(onClose);
  useEffect(() => {
    if (!token || !item) return;
    void itemCalls.links(token, item.kind, item.id).then(setLinks, (e: Error) => setMessage(e.message));
  }, [token, item]);
  if (!item || !token) return null;
  const summary = overview?.items.find((i) => i.kind === item.kind && i.id === item.id);
  const name = titleOf(summary, ui, overview?.languages ?? []) || item.id;
  const remove = async () => {
    setBusy(true);
    const r = await itemCalls.remove(token, item.kind, item.id, item.revision).catch((e: Error) => {
      setMessage(e.message);
      return null;
    });
    setBusy(false);
    if (!r) return;
    if (r.status === 'deleted') {
      set({
        creating: false,
        selected: null,
        item: null,
        draft: null,
        notice: null,
      });
      onClose();
      await reloadOverview(token);
      useEditor.getState().set({ listNotice: t(ui, 'deletedNotice', { name }) });
      bumpPreview(token);
    } else if (r.status === 'linked') {
      setLinks(r.links);
    } else if ('message' in r) setMessage(r.message);
  };
  return (
    <Dialog label={t(ui, 'deleteTitle', { name })} onClose={onClose} className="delete-dialog">
      <h2>{t(ui, 'deleteTitle', { name })}</h2>
      {links === null ? (
        <p className="muted" aria-busy="true">
          {t(ui, 'linksLooking')}
        </p>
      ) : links.length > 0 ? (
        <>
          <p className="notice bad" role="alert" data-testid="delete-refused">
            {links.length === 1 ? t(ui, 'deleteLinkedOne') : t(ui, 'deleteLinked', { n: links.length })}
          </p>
          <LinkList links={links} onOpen={open} />
        </>
      ) : (
        <p data-testid="delete-free">{t(ui, 'deleteFree')}</p>
      )}
      {message ? (
        <p className="notice bad" role="alert">
          {message}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t(ui, links && links.length > 0 ? 'close' : 'cancel')}
        </button>
        {links && links.length === 0 ? (
          <button
            type="button"
            className="primary danger"
            disabled={busy}
            onClick={() => void remove()}
            data-testid="delete-confirm"
          >
            {t(ui, 'deleteConfirm')}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}

/** "Rename…": the new id, and every place that will change with it. */
export function RenameDialog({ onClose }: { onClose(): void }) {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const item = useEditor((s) => s.item);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  const [links, setLinks] = useState<EditorLink[] | null>(null);
  const [newId, setNewId] = useState(item?.id ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!token || !item) return;
    void itemCalls.links(token, item.kind, item.id).then(setLinks, (e: Error) => setMessage(e.message));
  }, [token, item]);
  if (!item || !token) return null;
  const summary = overview?.items.find((i) => i.kind === item.kind && i.id === item.id);
  const name = titleOf(summary, ui, overview?.languages ?? []) || item.id;
  const rename = async () => {
    setBusy(true);
    const r = await itemCalls
      .rename(token, item.kind, item.id, newId.trim(), item.revision)
      .catch((e: Error) => {
        setMessage(e.message);
        return null;
      });
    setBusy(false);
    if (!r) return;
    if (r.status === 'renamed') {
      set({
        creating: false,
        selected: { kind: r.item.kind, id: r.item.id },
        item: r.item,
        draft: r.item.data,
        refused: [],
        notice: { tone: 'good', text: t(ui, 'renamedNotice', { id: r.item.id, n: r.changedFiles.length }) },
      });
      onClose();
      await reloadOverview(token);
      bumpPreview(token);
    } else if ('message' in r) setMessage(r.message);
  };
  return (
    <Dialog label={t(ui, 'renameTitle', { name })} onClose={onClose}>
      <form
        className="item-dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void rename();
        }}
      >
        <h2>{t(ui, 'renameTitle', { name })}</h2>
        <label>
          {t(ui, 'renameNewId')}
          <input
            value={newId}
            autoFocus
            spellCheck={false}
            data-testid="rename-id"
            onChange={(e) => {
              setNewId(e.target.value);
              setMessage(null);
            }}
          />
          <span className="muted small">{t(ui, 'idHelp')}</span>
        </label>
        {links === null ? (
          <p className="muted">{t(ui, 'linksLooking')}</p>
        ) : links.length > 0 ? (
          <>
            <p>{links.length === 1 ? t(ui, 'renameLinksOne') : t(ui, 'renameLinks', { n: links.length })}</p>
            <LinkList links={links} onOpen={() => undefined} />
          </>
        ) : (
          <p className="muted">{t(ui, 'renameNoLinks')}</p>
        )}
        <p className="muted small">{t(ui, 'renameSafe')}</p>
        {message ? (
          <p className="notice bad" role="alert" data-testid="dialog-message">
            {message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t(ui, 'cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || newId.trim() === '' || newId.trim() === item.id}
            data-testid="rename-confirm"
          >
            {busy ? t(ui, 'renaming') : t(ui, 'renameConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Deleted items": every deleted item kept in the history, each can be brought back. */
export function DeletedDialog({ onClose }: { onClose(): void }) {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const overview = useEditor((s) => s.overview);
  const set = useEditor((s) => s.set);
  const [entries, setEntries] = useState<EditorDeletedEntry[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    void itemCalls.deleted(token).then(setEntries, (e: Error) => setMessage(e.message));
  }, [token]);
  if (!token) return null;
  const format = new Intl.DateTimeFormat(ui, { dateStyle: 'medium', timeStyle: 'short' });
  const back = async (entry: EditorDeletedEntry) => {
    const r = await itemCalls.undelete(token, entry.version).catch((e: Error) => {
      setMessage(e.message);
      return null;
    });
    if (!r) return;
    if (r.status === 'saved') {
      set({
        creating: false,
        selected: { kind: r.item.kind, id: r.item.id },
        item: r.item,
        draft: r.item.data,
        refused: [],
        notice: { tone: 'good', text: t(ui, 'undeletedNotice') },
      });
      onClose();
      await reloadOverview(token);
      bumpPreview(token);
    } else setMessage(r.message);
  };
  const langs = overview?.languages ?? [];
  return (
    <Dialog label={t(ui, 'deletedTitle')} onClose={onClose}>
      <h2>{t(ui, 'deletedTitle')}</h2>
      <p className="muted">{t(ui, 'deletedLead')}</p>
      {entries && entries.length === 0 ? <p className="muted">{t(ui, 'deletedNone')}</p> : null}
      <ul className="link-list">
        {(entries ?? []).map((e) => (
          <li key={e.version} className="deleted-line">
            <span>
              <span className="item-badge-title">
                {titleOf({ ...EMPTY_SUMMARY, id: e.id, title: e.title }, ui, langs) || e.id}
              </span>
              <span className="item-badge-id">
                {t(ui, `kindOne_${e.kind}`)} · {e.id} ·{' '}
                {t(ui, 'deletedAt', { time: format.format(new Date(e.deletedAt)) })}
              </span>
            </span>
            <button type="button" onClick={() => void back(e)} data-testid={`undelete-${e.id}`}>
              {t(ui, 'undelete')}
            </button>
          </li>
        ))}
      </ul>
      {message ? (
        <p className="notice bad" role="alert">
          {message}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t(ui, 'close')}
        </button>
      </div>
    </Dialog>
  );
}

const EMPTY_SUMMARY = {
  kind: 'person' as ItemKind,
  errors: 0,
  warnings: 0,
  drafts: [],
  missing: [],
  placeholder: false,
  contentNote: false,
  searchText: '',
};

/** The curator's buttons over the item list: New… and Deleted items. */
export function ListActions() {
  const ui = useEditor((s) => s.ui);
  const role = useEditor((s) => s.role);
  const listNotice = useEditor((s) => s.listNotice);
  const [open, setOpen] = useState<'new' | 'deleted' | null>(null);
  if (role !== 'curator') return null;
  return (
    <div className="list-actions">
      <button type="button" className="primary" onClick={() => setOpen('new')} data-testid="new-item">
        {t(ui, 'newItem')}
      </button>
      <button type="button" onClick={() => setOpen('deleted')} data-testid="deleted-items">
        {t(ui, 'deletedItems')}
      </button>
      {listNotice ? (
        <p className="notice good" role="status" data-testid="list-notice">
          {listNotice}
        </p>
      ) : null}
      {open === 'new' ? <NewItemDialog onClose={() => setOpen(null)} /> : null}
      {open === 'deleted' ? <DeletedDialog onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** The curator's Rename… and Delete… beside Save (none for the exhibit item or an item not yet added). */
export function ItemActions() {
  const ui = useEditor((s) => s.ui);
  const role = useEditor((s) => s.role);
  const item = useEditor((s) => s.item);
  const creating = useEditor((s) => s.creating);
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  if (role !== 'curator' || !item || creating || item.kind === 'exhibit') return null;
  return (
    <>
      <button type="button" onClick={() => setOpen('rename')} data-testid="rename">
        {t(ui, 'rename')}
      </button>
      <button type="button" onClick={() => setOpen('delete')} data-testid="delete">
        {t(ui, 'delete')}
      </button>
      {open === 'rename' ? <RenameDialog onClose={() => setOpen(null)} /> : null}
      {open === 'delete' ? <DeleteDialog onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** Adds the new item being filled in to the exhibit (written only when the checker accepts it). */
export async function createItem(token: string, kind: ItemKind, id: string, data: unknown) {
  return itemCalls.create(token, kind, id, data);
}
