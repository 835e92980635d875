/**
 * The exhibit editor's routes (issue 14), mounted by `createBackend` only when it is given the `editor`
 * option (`npm run editor`); the visitor kiosk never answers them.
 *
 * - `POST editorApi.unlock` { pin, role, languages? }: the staff PIN, checked by the kiosk's own staff
 *   code (scrypt, escalating lockout kept on disk) → a session token for the role.
 * - Every other route needs the token in `x-editor-token`. Writes (PUT, POST) are also held to the
 *   handler's access checks before they get here: a loopback Host with the server's port, and an Origin
 *   (or `Sec-Fetch-Site: same-origin`) of the editor's own page, so another web page cannot send them.
 * - The handler serves the editor's own built page (out/editor) at `/editor/`.
 */
import {
  EDITOR_TOKEN_HEADER,
  editorApi,
  editorPublishRequestSchema,
  isEditorRole,
  isItemKind,
  MAX_UPLOAD_BYTES,
  type EditorRole,
  type EditorPublishResult,
  type EditorSaveResult,
  type ItemKind,
} from '../common/editorApi';
import type { StaffHooks } from '../kiosk/staff';
import type { EditorService } from '../editor/editor';
import type { EditorPublishing } from '../editor/publishing';
import { RecoveryRefused, type RecoveryStore } from '../editor/recovery';
import { badItemId, ItemError } from '../editor/items';
import type { Sessions } from '../editor/sessions';
import { YamlSyntaxError } from '../editor/yamlEdit';
import { writeBodyToFile } from './body';
import { editorItemsRoute } from './editorItemsRoute';
import { json, methodNotAllowed, readJsonObject } from './responses';

/** The largest save body: a story in four languages with room to spare (the checker allows 1 MB a file). */
export const MAX_EDITOR_BODY = 8 * 1024 * 1024;

export interface EditorRouteOptions {
  service: EditorService;
  sessions: Sessions;
  /** The PIN check (its own lockout file; the kiosk's staff sessions are not shared). */
  pin: Pick<StaffHooks, 'unlock' | 'lock'>;
  /** The roles this editor offers (a setting: `npm run editor -- --roles curator,technician`). */
  roles: readonly EditorRole[];
  log: { info(message: string): void; warn(message: string): void };
  /** The largest upload (default MAX_UPLOAD_BYTES; smaller in tests). */
  maxUploadBytes?: number;
  /** Unsaved edits kept on this computer (main/editor/recovery.ts); without it the route answers 404. */
  recovery?: RecoveryStore;
  /** The Publish button (main/editor/publishing.ts); without it the route answers 404. */
  publishing?: EditorPublishing;
}

export type EditorRoute = (request: Request, pathname: string, url: URL) => Promise<Response | null>;

const STATUS: Record<EditorSaveResult['status'], number> = {
  saved: 200,
  conflict: 409,
  invalid: 422,
  forbidden: 403,
};

const PUBLISH_STATUS: Record<EditorPublishResult['status'], number> = {
  published: 200,
  confirm: 409,
  refused: 422,
  forbidden: 403,
};

export function createEditorRoute(options: EditorRouteOptions): EditorRoute {
  const { service, sessions } = options;
  // A save (or a version restored) makes the unsaved edits kept for the item needless. A failure to
  // remove them is logged, not the save's failure: they are offered again and can be discarded then.
  const forget = async (role: EditorRole, kind: ItemKind, id: string) => {
    await options.recovery
      ?.remove(role, kind, id)
      .catch((error: unknown) =>
        options.log.warn(
          `editor: the unsaved edits of ${kind} ${id} could not be removed (${String(error)})`,
        ),
      );
  };
  return async (request, pathname, url) => {
    if (!pathname.startsWith('/api/editor/')) return null;
    const method = request.method;
    try {
      if (pathname === editorApi.unlock) {
        // What the sign-in screen offers: the roles and the exhibit's languages (nothing else before the PIN).
        if (method === 'GET') return json(200, { roles: options.roles, ...(await service.languages()) });
        if (method !== 'POST') return methodNotAllowed('GET, POST');
        const body = await readJsonObject(request, MAX_EDITOR_BODY);
        if (body instanceof Response) return body;
        const role = body?.role;
        if (!isEditorRole(role) || !options.roles.includes(role))
          return json(400, { ok: false, message: `Choose one of the roles: ${options.roles.join(', ')}.` });
        const { languages: all } = await service.languages();
        const asked = Array.isArray(body?.languages)
          ? body.languages.filter((l): l is string => typeof l === 'string')
          : [];
        const languages = role === 'translator' ? asked.filter((l) => all.includes(l)) : all;
        if (role === 'translator' && languages.length === 0)
          return json(400, {
            ok: false,
            message: 'A translator chooses at least one of the exhibit’s languages.',
          });
        const result = await options.pin.unlock(typeof body?.pin === 'string' ? body.pin : '');
        if (!result.ok) return json(200, { ...result, token: undefined });
        options.pin.lock();
        const token = sessions.issue(role, languages);
        options.log.info(
          `editor: signed in as ${role}${role === 'translator' ? ` (${languages.join(', ')})` : ''}`,
        );
        return json(200, { ok: true, token, role, languages });
      }
      const token = request.headers.get(EDITOR_TOKEN_HEADER);
      const session = sessions.use(token);
      if (!session) return json(403, { ok: false, message: 'Sign in with the staff PIN first.' });
      const actor = { role: session.role, languages: session.languages };

      switch (pathname) {
        case editorApi.lock:
          if (method !== 'POST') return methodNotAllowed('POST');
          sessions.end(token);
          return new Response(null, { status: 204 });
        case editorApi.items:
          if (method !== 'GET') return methodNotAllowed('GET');
          return json(200, await service.overview());
        case editorApi.item: {
          if (method === 'GET') {
            const kind = url.searchParams.get('kind');
            if (!isItemKind(kind)) return json(400, { ok: false, message: 'Unknown kind of item.' });
            return json(200, await service.item(kind, url.searchParams.get('id') ?? ''));
          }
          if (method !== 'PUT') return methodNotAllowed('GET, PUT');
          const body = await readJsonObject(request, MAX_EDITOR_BODY);
          if (body instanceof Response) return body;
          const kind = body?.kind;
          if (!isItemKind(kind) || typeof body?.id !== 'string' || typeof body.revision !== 'string')
            return json(400, { ok: false, message: 'A save names the kind, id and revision of the item.' });
          const result = await service.save(actor, kind, body.id, body.revision, body.data);
          if (result.status === 'saved') {
            options.log.info(`editor: ${session.role} saved ${kind} ${body.id}`);
            await forget(session.role, kind, body.id);
          }
          return json(STATUS[result.status], result);
        }
        case editorApi.recovery: {
          const recovery = options.recovery;
          if (!recovery) return json(404, { ok: false, message: 'This editor keeps no unsaved edits.' });
          if (method === 'GET') return json(200, await recovery.offers(session.role));
          if (method === 'DELETE') {
            const kind = url.searchParams.get('kind');
            if (!isItemKind(kind)) return json(400, { ok: false, message: 'Unknown kind of item.' });
            await recovery.remove(session.role, kind, url.searchParams.get('id') ?? '');
            return new Response(null, { status: 204 });
          }
          if (method !== 'PUT') return methodNotAllowed('GET, PUT, DELETE');
          const body = await readJsonObject(request, MAX_EDITOR_BODY);
          if (body instanceof Response) return body;
          const kind = body?.kind;
          if (!isItemKind(kind) || typeof body?.id !== 'string' || typeof body.base !== 'string')
            return json(400, { ok: false, message: 'Unsaved edits name the kind, id and base of the item.' });
          try {
            const kept = await recovery.keep(session.role, kind, body.id, body.base, body.data);
            return json(200, { ok: true, savedAt: kept.savedAt });
          } catch (error) {
            if (error instanceof RecoveryRefused)
              return json(400, {
                ok: false,
                message: `These unsaved edits cannot be kept: ${error.message}`,
              });
            throw error;
          }
        }
        case editorApi.previewReady:
          if (method !== 'GET') return methodNotAllowed('GET');
          return json(200, { ok: await service.previewReady() });
        case editorApi.history: {
          if (method !== 'GET') return methodNotAllowed('GET');
          const kind = url.searchParams.get('kind');
          if (!isItemKind(kind)) return json(400, { ok: false, message: 'Unknown kind of item.' });
          return json(200, await service.history(kind, url.searchParams.get('id') ?? ''));
        }
        case editorApi.restore: {
          if (method !== 'POST') return methodNotAllowed('POST');
          const body = await readJsonObject(request, MAX_EDITOR_BODY);
          if (body instanceof Response) return body;
          const kind = body?.kind;
          if (
            !isItemKind(kind) ||
            typeof body?.id !== 'string' ||
            typeof body.version !== 'string' ||
            typeof body.revision !== 'string'
          )
            return json(400, { ok: false, message: 'A restore names the kind, id, version and revision.' });
          const result = await service.restore(actor, kind, body.id, body.version, body.revision);
          if (result.status === 'saved') await forget(session.role, kind, body.id);
          return json(STATUS[result.status], result);
        }
        case editorApi.settings: {
          if (method === 'GET') {
            if (session.role !== 'technician')
              return json(403, { ok: false, message: 'Only a technician changes the device settings.' });
            return json(200, await service.settings());
          }
          if (method !== 'PUT') return methodNotAllowed('GET, PUT');
          const body = await readJsonObject(request, MAX_EDITOR_BODY);
          if (body instanceof Response) return body;
          if (typeof body?.revision !== 'string')
            return json(400, { ok: false, message: 'A save names its revision.' });
          const result = await service.saveSettings(actor, body.revision, body.data);
          if (result.status === 'saved') options.log.info('editor: technician saved the device settings');
          return json(STATUS[result.status], result);
        }
        case editorApi.upload: {
          if (method !== 'POST') return methodNotAllowed('POST');
          // Everything that can be refused is refused before a byte of the body is read.
          const refuse = async (status: number, message: string) => {
            await request.body?.cancel().catch(() => undefined);
            return json(status, { ok: false, message });
          };
          if (session.role !== 'curator') return refuse(403, 'Only a curator adds photographs.');
          if (!service.uploads) return refuse(404, 'This editor cannot take uploads.');
          const photo = url.searchParams.get('id') ?? '';
          const bad = badItemId('photo', photo);
          if (bad) return refuse(400, `The photo id is not one: ${bad}.`);
          const limit = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
          const tooLarge = `The file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most the editor takes.`;
          const temp = await service.uploads.tempFile();
          const received = await writeBodyToFile(request, temp, limit);
          if (!received.ok)
            return json(received.reason === 'too-large' ? 413 : 400, {
              ok: false,
              message:
                received.reason === 'too-large'
                  ? tooLarge
                  : 'The upload was interrupted; add the file again.',
            });
          const job = service.uploads.start({
            photo,
            clearPlaceholder: url.searchParams.get('clearPlaceholder') === '1',
            temp,
            role: session.role,
          });
          options.log.info(
            `editor: curator uploaded ${received.bytes} bytes for photo ${photo} (job ${job.job})`,
          );
          return json(202, job);
        }
        case editorApi.uploadJob: {
          if (method !== 'GET') return methodNotAllowed('GET');
          // With ?step=&state= (what the page saw last) the answer waits up to 20 s for a change.
          const id = url.searchParams.get('job') ?? '';
          const seenStep = url.searchParams.get('step');
          const seenState = url.searchParams.get('state');
          const job =
            seenStep && seenState
              ? await service.uploads?.next(id, { step: seenStep, state: seenState }, 20_000)
              : service.uploads?.job(id);
          return job ? json(200, job) : json(404, { ok: false, message: 'There is no such upload.' });
        }
        case editorApi.publish: {
          if (method !== 'GET' && method !== 'POST') return methodNotAllowed('GET, POST');
          if (session.role !== 'curator') {
            await request.body?.cancel().catch(() => undefined);
            return json(403, { status: 'forbidden', message: 'Only a curator publishes the exhibit.' });
          }
          const publishing = options.publishing;
          if (!publishing) return json(404, { ok: false, message: 'This editor does not publish.' });
          if (method === 'GET') return json(200, await publishing.preview());
          const body = await readJsonObject(request, MAX_EDITOR_BODY);
          if (body instanceof Response) return body;
          // The version shown and the confirmation, nothing else: never a path or a key.
          const asked = editorPublishRequestSchema.safeParse(body);
          if (!asked.success)
            return json(400, {
              ok: false,
              message: 'A publish names the version shown and whether drafts and placeholders are confirmed.',
            });
          const result = await publishing.publish(asked.data);
          if (result.status !== 'published')
            options.log.info(`editor: publish of version ${asked.data.version} not done (${result.status})`);
          return json(PUBLISH_STATUS[result.status], result);
        }
        default:
          return (
            (await editorItemsRoute(service, actor, request, pathname, url, options.log)) ??
            json(404, { ok: false, message: 'Not found' })
          );
      }
    } catch (error) {
      if (error instanceof ItemError) return json(error.status, { ok: false, message: error.message });
      if (error instanceof YamlSyntaxError)
        return json(422, {
          ok: false,
          message: `The file has a YAML mistake and cannot be edited in a form: ${error.message}`,
        });
      throw error;
    }
  };
}
