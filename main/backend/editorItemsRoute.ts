/**
 * The editor's routes for adding, deleting, renaming and bringing back items (main/common/editorItems.ts),
 * answered inside the editor's route (main/backend/editorRoute.ts) once the session is known: the same
 * token, the same access checks for writes. The service decides who may (a curator only).
 */
import { isItemKind, type EditorSaveResult } from '../common/editorApi';
import { editorItemApi, type EditorChangeResult } from '../common/editorItems';
import type { EditorActor, EditorService } from '../editor/editor';
import { json, methodNotAllowed, readJsonObject } from './responses';

/** A delete, rename or new item is small: the form of one item (the same limit as a save). */
const MAX_BODY = 8 * 1024 * 1024;

const SAVE_STATUS: Record<EditorSaveResult['status'], number> = {
  saved: 200,
  conflict: 409,
  invalid: 422,
  forbidden: 403,
};

const CHANGE_STATUS: Record<EditorChangeResult['status'], number> = {
  deleted: 200,
  renamed: 200,
  linked: 409,
  invalid: 422,
  conflict: 409,
  forbidden: 403,
};

/** The answer for one of these routes, or null for any other path. */
export async function editorItemsRoute(
  service: EditorService,
  actor: EditorActor,
  request: Request,
  pathname: string,
  url: URL,
  log: { info(message: string): void },
): Promise<Response | null> {
  const changes = service.changes;
  const method = request.method;
  const body = async () => {
    const b = await readJsonObject(request, MAX_BODY);
    return b instanceof Response ? b : (b ?? {});
  };
  switch (pathname) {
    case editorItemApi.newItem: {
      if (method !== 'GET') return methodNotAllowed('GET');
      const kind = url.searchParams.get('kind');
      if (!isItemKind(kind)) return json(400, { ok: false, message: 'Unknown kind of item.' });
      return json(
        200,
        await changes.newItem(kind, url.searchParams.get('title') ?? '', url.searchParams.get('id') ?? ''),
      );
    }
    case editorItemApi.links: {
      if (method !== 'GET') return methodNotAllowed('GET');
      const kind = url.searchParams.get('kind');
      if (!isItemKind(kind)) return json(400, { ok: false, message: 'Unknown kind of item.' });
      return json(200, await changes.links(kind, url.searchParams.get('id') ?? ''));
    }
    case editorItemApi.deleted:
      if (method !== 'GET') return methodNotAllowed('GET');
      return json(200, await changes.deleted());
    case editorItemApi.create: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const b = await body();
      if (b instanceof Response) return b;
      if (!isItemKind(b.kind) || typeof b.id !== 'string')
        return json(400, { ok: false, message: 'A new item names its kind and id.' });
      const result = await changes.create(actor, b.kind, b.id, b.data);
      if (result.status === 'saved') log.info(`editor: ${actor.role} added ${b.kind} ${b.id}`);
      return json(SAVE_STATUS[result.status], result);
    }
    case editorItemApi.delete: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const b = await body();
      if (b instanceof Response) return b;
      if (!isItemKind(b.kind) || typeof b.id !== 'string' || typeof b.revision !== 'string')
        return json(400, { ok: false, message: 'A delete names the kind, id and revision.' });
      const result = await changes.remove(actor, b.kind, b.id, b.revision);
      if (result.status === 'deleted') log.info(`editor: ${actor.role} deleted ${b.kind} ${b.id}`);
      return json(CHANGE_STATUS[result.status], result);
    }
    case editorItemApi.rename: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const b = await body();
      if (b instanceof Response) return b;
      if (
        !isItemKind(b.kind) ||
        typeof b.id !== 'string' ||
        typeof b.newId !== 'string' ||
        typeof b.revision !== 'string'
      )
        return json(400, { ok: false, message: 'A rename names the kind, id, new id and revision.' });
      const result = await changes.rename(actor, b.kind, b.id, b.newId, b.revision);
      if (result.status === 'renamed')
        log.info(`editor: ${actor.role} renamed ${b.kind} ${b.id} to ${b.newId}`);
      return json(CHANGE_STATUS[result.status], result);
    }
    case editorItemApi.undelete: {
      if (method !== 'POST') return methodNotAllowed('POST');
      const b = await body();
      if (b instanceof Response) return b;
      if (typeof b.version !== 'string')
        return json(400, { ok: false, message: 'Name the deleted version.' });
      const result = await changes.undelete(actor, b.version);
      return json(SAVE_STATUS[result.status], result);
    }
    default:
      return null;
  }
}
