/**
 * The editor's Publish button through the one backend (createBackend with the editor and `publish` on): a
 * temporary copy of the sample exhibit (media/), a real key pair made by keys.ts, real publishes into a
 * temporary publish folder, and each package then checked exactly as a kiosk checks one before installing it
 * (verifyPackageFile: signature by the trusted key, every file's size and hash, the content checker).
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editorApi,
  editorPublishPreviewSchema,
  editorPublishResultSchema,
  type EditorPublishPreview,
  type EditorPublishResult,
} from '../common/editorApi';
import { contentWorkerFromSource } from '../content/load/workerLocation';
import { createChecker } from '../packages/checker';
import { BUILDS_ENTRY, isDerivedPath } from '../packages/derivatives';
import { verifyPackageFile } from '../packages/verify';
import { startEditorBackend, type EditorBackend } from '../../tests/support/editorBackend';

let editor: EditorBackend;
let curator: string;
let out: string;

beforeAll(async () => {
  editor = await startEditorBackend('kiosk-editor-publish-', {
    content: 'media',
    publish: true,
  });
  out = editor.publish?.outDir ?? '';
  curator = await editor.signIn('curator');
}, 120_000);

afterAll(() => editor.close());

const preview = async (token = curator) => {
  const r = await editor.call(editorApi.publish, { token });
  return { status: r.status, body: r.body as EditorPublishPreview };
};
const publish = async (body: unknown, token = curator) => {
  const r = await editor.call(editorApi.publish, { method: 'POST', token, body });
  return { status: r.status, body: r.body as EditorPublishResult };
};
const published = async () => (await readdir(out).catch(() => [])).filter((n) => n.endsWith('.kioskpkg'));

describe('publishing from the editor', () => {
  it('previews the sample: version 1, its drafts by language and placeholders to confirm, nothing blocking', async () => {
    const { status, body } = await preview();
    expect(status).toBe(200);
    expect(editorPublishPreviewSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      setUp: true,
      exhibitId: 'nanjing-safety-zone',
      version: 1,
      fileName: 'nanjing-safety-zone-1.kioskpkg',
      folder: out,
      latest: null,
      files: 59,
      checker: { errors: 0, drafts: 81, placeholders: 10 },
      draftLanguages: { 'zh-Hans': 27, ja: 27, id: 27 },
      refusals: [],
    });
    expect(body.confirm.map((c) => c.code)).toEqual(['drafts', 'placeholders']);
    expect(await published()).toEqual([]);
  }, 60_000);

  it('asks for the confirmation of drafts and placeholders, and writes nothing without it', async () => {
    const { status, body } = await publish({ version: 1, confirm: false });
    expect(status).toBe(409);
    expect(body.status).toBe('confirm');
    expect(body.status === 'confirm' && body.confirm.map((c) => c.message)).toEqual([
      "81 translations are marked as draft (awaiting a curator's review).",
      "10 photographs or narrations are placeholders, not the museum's own.",
    ]);
    expect(await published()).toEqual([]);
  }, 60_000);

  it('publishes once confirmed: one signed file that a kiosk trusting the key verifies, named in latest.json', async () => {
    const started = performance.now();
    const { status, body } = await publish({ version: 1, confirm: true });
    const ms = performance.now() - started;
    expect(status).toBe(200);
    expect(editorPublishResultSchema.parse(body)).toEqual(body);
    if (body.status !== 'published') throw new Error(JSON.stringify(body));
    const file = path.join(out, 'nanjing-safety-zone-1.kioskpkg');
    expect(body).toMatchObject({
      exhibitId: 'nanjing-safety-zone',
      version: 1,
      fileName: 'nanjing-safety-zone-1.kioskpkg',
      folder: out,
      files: 59,
      size: (await stat(file)).size,
    });
    console.log(`publish through the route: ${Math.round(ms)} ms (the route's own count: ${body.seconds} s)`);
    expect(await readdir(out)).toEqual(['latest.json', 'nanjing-safety-zone-1.kioskpkg']);
    const index = JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8')) as {
      packages: { file: string; version: number }[];
    };
    expect(index.packages).toMatchObject([{ file: 'nanjing-safety-zone-1.kioskpkg', version: 1 }]);

    const verified = await verifyPackageFile(file, {
      trust: { trustedKeys: [editor.publish?.publicKey ?? ''], acceptUnsigned: false },
      checker: createChecker(contentWorkerFromSource()),
      kioskVersion: '0.1.0',
    });
    if (!verified.ok) throw new Error(verified.refusal.message);
    expect(verified.manifest).toMatchObject({
      exhibitId: 'nanjing-safety-zone',
      version: 1,
      minKioskVersion: '0.1.0',
      checker: { errors: 0, drafts: 81, placeholders: 10 },
    });
    expect(verified.manifest.createdBy).toMatch(/\(exhibit editor, curator\)$/);
    // The exhibit's 59 files, and the derivatives of its photographs (a kiosk installing it builds none).
    expect(verified.manifest.files.filter((f) => !isDerivedPath(f.path))).toHaveLength(59);
    const derived = verified.manifest.files.filter((f) => isDerivedPath(f.path)).map((f) => f.path);
    expect(derived).toContain(BUILDS_ENTRY);
    expect(derived.filter((p) => p.endsWith('/display.webp')).length).toBeGreaterThan(0);
    // A kiosk trusting another key refuses it.
    const foreign = await verifyPackageFile(file, {
      trust: { trustedKeys: ['ed25519:bLdaVXF-z3b0CRqS5LkBoWqSYNdnn3j4qy_h8OpNrNs'], acceptUnsigned: false },
      checker: createChecker(contentWorkerFromSource()),
      kioskVersion: '0.1.0',
    });
    expect(foreign.ok ? '' : foreign.refusal.code).toBe('untrusted-key');
  }, 120_000);

  it('refuses the same version twice and leaves the published file as it was; the preview moves on to 2', async () => {
    const file = path.join(out, 'nanjing-safety-zone-1.kioskpkg');
    const before = await stat(file);
    const { status, body } = await publish({ version: 1, confirm: true });
    expect(status).toBe(422);
    if (body.status !== 'refused') throw new Error(JSON.stringify(body));
    expect(body.refusals.map((r) => r.code)).toEqual(['version-taken']);
    expect(body.message).toContain('Version 1 is already published');
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(await published()).toEqual(['nanjing-safety-zone-1.kioskpkg']);
    const next = await preview();
    expect(next.body).toMatchObject({ version: 2, latest: 1, fileName: 'nanjing-safety-zone-2.kioskpkg' });
  }, 60_000);

  it('refuses content with a checker error, naming the file and field; nothing is written', async () => {
    const person = path.join(editor.media, 'people', 'john-rabe.yaml');
    const original = await readFile(person, 'utf8');
    await writeFile(person, original.replace('born: "1882-11-23"', 'born: "the winter of 1882"'));
    try {
      const shown = await preview();
      expect(shown.body.checker.errors).toBeGreaterThan(0);
      expect(shown.body.refusals.map((r) => r.code)).toEqual(['checker-errors']);
      const { status, body } = await publish({ version: 2, confirm: true });
      expect(status).toBe(422);
      if (body.status !== 'refused') throw new Error(JSON.stringify(body));
      expect(body.refusals.map((r) => r.code)).toEqual(['checker-errors']);
      expect(body.message).toMatch(
        /^The content checker found \d+ errors?: people\/john-rabe\.yaml:\d+:\d+ {2}born/,
      );
      expect(body.firstErrors.join('\n')).toContain('people/john-rabe.yaml');
      expect(await published()).toEqual(['nanjing-safety-zone-1.kioskpkg']);
    } finally {
      await writeFile(person, original);
    }
  }, 60_000);

  it('is for curators only: a translator and a technician are refused, and nothing is written', async () => {
    for (const [role, languages] of [
      ['translator', ['ja']],
      ['technician', undefined],
    ] as const) {
      const token = await editor.signIn(role, languages ? [...languages] : undefined);
      const shown = await editor.call(editorApi.publish, { token });
      expect(shown).toEqual({
        status: 403,
        body: { status: 'forbidden', message: 'Only a curator publishes the exhibit.' },
      });
      const tried = await publish({ version: 2, confirm: true }, token);
      expect(tried.status).toBe(403);
      expect(tried.body.status).toBe('forbidden');
    }
    expect(await published()).toEqual(['nanjing-safety-zone-1.kioskpkg']);
  }, 60_000);

  it('takes no path from the page, no publish without a session, and no write from another origin', async () => {
    const withPath = await publish({ version: 2, confirm: true, outDir: '/tmp/elsewhere' });
    expect(withPath.status).toBe(400);
    expect((await publish({ version: '2', confirm: true })).status).toBe(400);
    expect(
      (await editor.call(editorApi.publish, { method: 'POST', body: { version: 2, confirm: true } })).status,
    ).toBe(403);
    const foreign = await editor.call(editorApi.publish, {
      method: 'POST',
      token: curator,
      origin: 'http://evil.example',
      body: { version: 2, confirm: true },
    });
    expect(foreign.status).toBe(403);
    const noOrigin = await editor.call(editorApi.publish, {
      method: 'POST',
      token: curator,
      origin: null,
      body: { version: 2, confirm: true },
    });
    expect(noOrigin.status).toBe(403);
    expect(await published()).toEqual(['nanjing-safety-zone-1.kioskpkg']);
  }, 60_000);
});

describe('two publishes at once', () => {
  it('publishes one; the other is refused because a publish is under way', async () => {
    const both = await Promise.all([
      publish({ version: 2, confirm: true }),
      publish({ version: 2, confirm: true }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
    const refused = both.find((r) => r.body.status === 'refused')?.body;
    expect(refused?.status === 'refused' && refused.refusals.map((r) => r.code)).toContain('busy');
    expect((await published()).sort()).toEqual([
      'nanjing-safety-zone-1.kioskpkg',
      'nanjing-safety-zone-2.kioskpkg',
    ]);
  }, 120_000);
});

describe('an editor started without --key and --publish-to', () => {
  let plain: EditorBackend;
  beforeAll(async () => {
    plain = await startEditorBackend('kiosk-editor-nopublish-');
  }, 60_000);
  afterAll(() => plain.close());

  it('previews with the one reason: publishing is not set up', async () => {
    const token = await plain.signIn('curator');
    const r = await plain.call(editorApi.publish, { token });
    expect(r.status).toBe(200);
    const body = r.body as EditorPublishPreview;
    expect(body).toMatchObject({ setUp: false, folder: null, exhibitId: 'harbour-memories' });
    expect(body.refusals.map((x) => x.code)).toEqual(['not-set-up']);
    const tried = await plain.call(editorApi.publish, {
      method: 'POST',
      token,
      body: { version: 1, confirm: true },
    });
    expect(tried.status).toBe(422);
  }, 60_000);
});
