/** The editor's calls to its backend: the contract's routes, the session token in its header. */
import {
  EDITOR_TOKEN_HEADER,
  editorApi,
  type EditorHistoryEntry,
  type EditorItem,
  type EditorOverview,
  type EditorSaveResult,
  type EditorSettingsDoc,
  type EditorSignInChoices,
  type EditorUnlockResult,
  type ItemKind,
} from '../../../main/common/editorApi';
import type { EditorRecoveryKept, EditorRecoveryOffer } from '../../../main/common/editorRecovery';

export class SignedOut extends Error {}

export async function call<T>(
  token: string | null,
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { [EDITOR_TOKEN_HEADER]: token } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await response.json().catch(() => ({}))) as T & { message?: string; status?: string };
  if (response.status === 403 && body.status !== 'forbidden' && token) throw new SignedOut(body.message);
  if (!response.ok && ![409, 422, 403].includes(response.status))
    throw new Error(body.message ?? `HTTP ${response.status}`);
  return body;
}

const query = (kind: ItemKind, id: string) => `kind=${encodeURIComponent(kind)}&id=${encodeURIComponent(id)}`;

export const editorCalls = {
  choices: () => call<EditorSignInChoices>(null, editorApi.unlock),
  unlock: (pin: string, role: string, languages: string[]) =>
    call<EditorUnlockResult>(null, editorApi.unlock, { method: 'POST', body: { pin, role, languages } }),
  lock: (token: string) =>
    fetch(editorApi.lock, { method: 'POST', headers: { [EDITOR_TOKEN_HEADER]: token } }),
  overview: (token: string) => call<EditorOverview>(token, editorApi.items),
  item: (token: string, kind: ItemKind, id: string) =>
    call<EditorItem>(token, `${editorApi.item}?${query(kind, id)}`),
  save: (token: string, kind: ItemKind, id: string, revision: string, data: unknown) =>
    call<EditorSaveResult>(token, editorApi.item, { method: 'PUT', body: { kind, id, revision, data } }),
  history: (token: string, kind: ItemKind, id: string) =>
    call<EditorHistoryEntry[]>(token, `${editorApi.history}?${query(kind, id)}`),
  restore: (token: string, kind: ItemKind, id: string, version: string, revision: string) =>
    call<EditorSaveResult>(token, editorApi.restore, {
      method: 'POST',
      body: { kind, id, version, revision },
    }),
  previewReady: (token: string) => call<{ ok: boolean }>(token, editorApi.previewReady),
  settings: (token: string) => call<EditorSettingsDoc>(token, editorApi.settings),
  recoveryOffers: (token: string) => call<EditorRecoveryOffer[]>(token, editorApi.recovery),
  keepUnsaved: (token: string, kind: ItemKind, id: string, base: string, data: unknown) =>
    call<EditorRecoveryKept>(token, editorApi.recovery, { method: 'PUT', body: { kind, id, base, data } }),
  /** The same, as the page goes away (the tab closed): the browser sends it after the page is gone. */
  keepUnsavedOnLeaving: (token: string, kind: ItemKind, id: string, base: string, data: unknown) =>
    void fetch(editorApi.recovery, {
      method: 'PUT',
      keepalive: true,
      headers: { [EDITOR_TOKEN_HEADER]: token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind, id, base, data }),
    }).catch(() => undefined),
  discardUnsaved: (token: string, kind: ItemKind, id: string) =>
    fetch(`${editorApi.recovery}?${query(kind, id)}`, {
      method: 'DELETE',
      headers: { [EDITOR_TOKEN_HEADER]: token },
    }).then(() => undefined),
  saveSettings: (token: string, revision: string, data: unknown) =>
    call<EditorSaveResult>(token, editorApi.settings, { method: 'PUT', body: { revision, data } }),
};
