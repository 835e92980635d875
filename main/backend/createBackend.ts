/**
 * The one function that builds the kiosk's whole backend from options: device settings, the content
 * service, staff access, opening-hours status and the request handler. The Electron host and the loopback
 * preview (and so every end-to-end test, the bench and the editor) call it alike; they differ only in how
 * requests reach the handler and in the few hooks only a real kiosk has (exit, relaunch, the page reload,
 * a health report with process metrics).
 */
import { hostname, userInfo } from 'node:os';
import type { KioskStatus, StaffActionResult } from '../common/api';
import type { KioskSettings } from '../common/settings';
import { loadSettings } from '../config/settings';
import { formatProblemLine, type Problem } from '../content/problems';
import { kioskStatusAt } from '../kiosk/schedule';
import path from 'node:path';
import { createStaffHooks, LOCKOUT_FILE_NAME } from '../kiosk/staff';
import { staffWarningsAtStart } from '../kiosk/warnings';
import {
  createContentService,
  type ContentLog,
  type ContentReport,
  type ContentService,
  type ContentWorkerLocation,
} from './contentService';
import { kioskProtocolPolicy, loopbackPolicy } from './access';
import { createKioskHandler, type KioskHandler } from './handler';
import { openAnalyticsStore, type AnalyticsStore } from '../analytics/store';
import { createAnalyticsRoute } from './analyticsRoute';
import { EDITOR_ROLES, type EditorRole } from '../common/editorApi';
import { createChecker } from '../editor/checker';
import { createEditorService } from '../editor/editor';
import { createSessions } from '../editor/sessions';
import { itemFiles, revisionOf } from '../editor/items';
import { createRecoveryStore } from '../editor/recovery';
import { createEditorPublishing, type PublishTarget } from '../editor/publishing';
import { createEditorRoute } from './editorRoute';
import { createChecker as createPackageChecker } from '../packages/checker';
import { trustPolicyOf } from '../packages/keys';
import { createPackageStore } from '../packages/store';
import { createPackageRuntime, type PackageRuntime } from './packageRuntime';
import { createFoundPackages, type FoundPackagesService } from './foundPackages';
import { defaultWatchFolders, findSticks, FOLDER_LOOK_LIMITS, stickLevel } from '../packages/folders';
import { createKioskMetrics, packageVersionOf, type KioskMetrics, type ProcessMemory } from './metrics';

/** The editor's own PIN lockout, beside the kiosk's in the data folder. */
export const EDITOR_LOCKOUT_FILE_NAME = 'editor-lockout.json';

/** Turns the exhibit editor on (issue 14): `npm run editor`. The visitor kiosk never passes it. */
export interface EditorOption {
  /** The editor's built page (out/editor). */
  pageDir: string;
  /** The roles offered at sign-in; all three by default. */
  roles?: readonly EditorRole[];
  /**
   * The signing key and the publish folder for the Publish button (`--key`, `--publish-to`); without them
   * the editor's Publish panel says how to start it.
   */
  publish?: PublishTarget;
}

export type BackendLog = ContentLog;

/** What only the host can do. Every hook is optional; the preview leaves most of them out. */
export interface BackendHost {
  /** Shown in the health report and the log: 'electron' or 'preview'. */
  kind: 'electron' | 'preview';
  /** Staff chose "Exit kiosk". */
  exit?(): Promise<void> | void;
  /** Staff chose "Restart kiosk". */
  relaunch?(): Promise<void> | void;
  /** The content was reloaded at staff's request and is good: show it (Electron reloads the page). */
  contentReloaded?(report: ContentReport): void;
  /** The renderer reported it is alive and painting. */
  heartbeat?(): void;
  /** The host's health report for the staff screen; the backend's own is used when absent. */
  health?(): Promise<unknown> | unknown;
  /** Opening-hours status; computed from the settings when absent. */
  status?(): KioskStatus;
  /** For /metrics: the memory of the host's other processes (Electron: renderer, GPU …). */
  processMemory?(): ProcessMemory[];
  /** For /metrics: restarts of the whole kiosk today (the host's launch history). */
  relaunchesToday?(): number;
}

export interface BackendOptions {
  /** Built renderer (index.html and assets), e.g. out/renderer. */
  rendererDir: string;
  /** The content package, e.g. media/. */
  mediaDir: string;
  /** Device settings folder, e.g. kiosk-config/. */
  configDir: string;
  /** Derivatives (thumbnails, screen images, Deep Zoom tiles), e.g. .media-cache/. */
  derivedDir: string;
  /**
   * The kiosk's own writable state, kept across restarts (the staff PIN lockout): Electron's user-data
   * folder, the preview's `--data` folder, a temporary folder in tests.
   */
  dataDir: string;
  log: BackendLog;
  host: BackendHost;
  /**
   * Where the content worker's code is: Electron passes its bundled out/main/contentWorker.cjs, the
   * preview `contentWorkerFromSource()` (main/content/load/workerLocation.ts). Without it the backend
   * starts, but the content cannot be loaded (the report says why): tests that need no content leave it out.
   */
  contentWorker?: ContentWorkerLocation;
  /** This kiosk software's version (package.json), for the packages' lowest kiosk version. */
  kioskVersion?: string;
  /** Clock (ms); Date.now by default. */
  now?: () => number;
  /**
   * Whether to check packages.updateUrl by itself (default true); tests that drive the checks one by one
   * (`packages.checkForUpdates()`) pass false.
   */
  pollForUpdates?: boolean;
  /** The exhibit editor's routes and page; only `npm run editor` gives it. */
  editor?: EditorOption;
}

export interface Backend {
  handler: KioskHandler;
  settings: KioskSettings;
  settingsProblems: Problem[];
  content: ContentService;
  /** Content packages, when kiosk.yaml names a packages folder (issue 15). */
  packages: PackageRuntime | null;
  /** Warnings for staff, shown on the staff screen; a host may add its own (e.g. a missing display). */
  staffWarnings: string[];
  /** Opening hours now, with the staff warnings. */
  status(): KioskStatus;
  /** The backend's own health report (the preview's; Electron adds process metrics). */
  health(): Record<string, unknown>;
  /** What visitors do, counted in `<dataDir>/analytics.sqlite` (issue 16); close it on exit. */
  analytics: AnalyticsStore;
  /**
   * `/metrics` for Prometheus (issue 15): served by the handler to callers on this computer, and by
   * `serveMetrics` (main/backend/metricsListener.ts) on its own port. The host tells it of renderer
   * restarts; the network polling loop of each update check.
   */
  metrics: KioskMetrics;
}

export function createBackend(options: BackendOptions): Backend {
  const { log, host } = options;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const { settings, problems } = loadSettings(options.configDir);
  for (const p of problems) log.warn(`settings: ${formatProblemLine(p)}`);
  const staffWarnings = staffWarningsAtStart({ settingsProblems: problems.length, hours: settings.hours });
  const analytics = openAnalytics(options.dataDir, settings, log, now);

  // Content packages (issue 15): with a packages folder in kiosk.yaml, the live version is shown.
  let packages: PackageRuntime | null = null;
  const content = createContentService({
    mediaDir: () =>
      packages ? packages.ready.then(() => packages?.contentDir() ?? options.mediaDir) : options.mediaDir,
    derivedDir: options.derivedDir,
    log,
    ...(options.contentWorker ? { worker: options.contentWorker } : {}),
  });
  // Where USB sticks appear: kiosk.yaml's packages.watchFolders, or the system's removable-media folders.
  const watched = settings.packages.watchFolders
    ? {
        folders: settings.packages.watchFolders.map((f) => path.resolve(options.configDir, f)),
        depth: FOLDER_LOOK_LIMITS.depth,
        configured: true,
      }
    : { ...defaultWatchFolders(process.platform), configured: false };
  let found: FoundPackagesService | null = null;
  if (settings.packages.folder) {
    const store = createPackageStore({
      packagesDir: path.resolve(options.configDir, settings.packages.folder),
      trust: trustPolicyOf(settings),
      checker: options.contentWorker
        ? createPackageChecker(options.contentWorker)
        : async () => {
            throw new Error('no content worker');
          },
      kioskVersion: options.kioskVersion ?? '0.0.0',
    });
    packages = createPackageRuntime({
      store,
      fallbackDir: options.mediaDir,
      content,
      log,
      now,
      shown: (report) => host.contentReloaded?.(report),
      crashRollback: settings.packages.crashRollback,
      ...(settings.packages.updateUrl
        ? {
            updates: {
              url: settings.packages.updateUrl,
              intervalMs: settings.packages.checkEveryMinutes * 60_000,
              limits: {
                downloadMs: settings.packages.downloadMinutes * 60_000,
                stallMs: settings.packages.stallSeconds * 1000,
                maxBytes: settings.packages.maxDownloadMegabytes * 1024 * 1024,
              },
            },
          }
        : {}),
      // Each check's outcome for /metrics (`metrics` is made below; a check only ever ends after this returns).
      updateChecked: (check) => metrics.updateChecked(check),
    });
    // Over the museum's network: check at once, then every checkEveryMinutes (docs/fleet.md).
    if (options.pollForUpdates !== false) packages.startPolling();
    // From a USB stick or a folder: listed on the staff screen, installed when staff tap Install.
    const runtime = packages;
    found = createFoundPackages({
      store,
      folders: watched.folders,
      depth: watched.depth,
      log,
      staged: () => runtime.check(),
    });
  }

  // The content's own warnings (a stopped load, images that could not be built) join the staff warnings.
  const status = (): KioskStatus => {
    const base = host.status?.() ?? kioskStatusAt(settings.hours, new Date(now()), staffWarnings);
    const fromContent = [...content.staffWarnings(), ...(packages?.health().notes ?? [])];
    return fromContent.length === 0
      ? base
      : { ...base, staffWarnings: [...(base.staffWarnings ?? []), ...fromContent] };
  };

  // The analytics store's warnings (a damaged file moved aside, events dropped on a full disk) too.
  const statusWithAnalytics = (): KioskStatus => {
    const base = status();
    const fromAnalytics = analytics.staffWarnings();
    return fromAnalytics.length === 0
      ? base
      : { ...base, staffWarnings: [...(base.staffWarnings ?? []), ...fromAnalytics] };
  };

  const health = (): Record<string, unknown> => ({
    mode: host.kind,
    uptimeSeconds: Math.round((now() - startedAt) / 1000),
    memory: process.memoryUsage(),
    content: content.lastReport(),
    ...(packages ? { packages: packages.health() } : {}),
    settingsProblems: problems.map((p) => formatProblemLine(p)),
    staffWarnings,
  });

  const staff = createStaffHooks({
    // Read afresh so a PIN set with `npm run set-pin` works without a restart.
    getSettings: () => loadSettings(options.configDir).settings,
    getHealth: async () => (host.health ? await host.health() : health()),
    onExit: async () => {
      log.info('staff: exit');
      if (host.exit) await host.exit();
      else log.info(`staff asked to exit (${host.kind}: nothing to exit)`);
    },
    onReloadContent: async (): Promise<StaffActionResult> => {
      const report = await content.reload();
      if (report.ok) host.contentReloaded?.(report);
      return report;
    },
    onRelaunch: async () => {
      if (host.relaunch) await host.relaunch();
      else {
        log.info(`staff asked to relaunch (${host.kind}: the content is reloaded instead)`);
        await content.reload();
      }
    },
    ...(packages
      ? {
          onRollback: () => packages?.rollback() ?? Promise.resolve({ ok: false, message: '' }),
          getVersions: () => ({
            enabled: true,
            ...(packages?.health() ?? { versions: [], notes: [], lastSwitch: null }),
          }),
        }
      : {}),
    ...(found
      ? { getFoundPackages: () => found.list(), onInstallFound: (ref: string) => found.install(ref) }
      : {}),
    lockoutFile: path.join(options.dataDir, LOCKOUT_FILE_NAME),
    now,
    log: (m) => log.info(m),
    warn: (m) => log.warn(m),
  });

  const editor = options.editor ? createEditor(options, options.editor, content, log, now) : undefined;

  let lastHeartbeat: number | null = null;
  let openMemo: { at: number; open: boolean } | null = null;
  const metrics = createKioskMetrics(
    {
      host: host.kind,
      kioskVersion: options.kioskVersion ?? '0.0.0',
      startedAt,
      now,
      dataDir: options.dataDir,
      exhibit: () => content.current(),
      packageVersion: () => (packages ? packageVersionOf(content.servedMediaDir()) : null),
      contentReport: () => content.lastReport(),
      open: () => {
        // The opening-hours status costs up to a few hundred ms for a kiosk open around the clock (the
        // schedule searches far ahead for its next change): read at most once a minute.
        const t = now();
        if (!openMemo || t - openMemo.at >= 60_000) openMemo = { at: t, open: statusWithAnalytics().open };
        return openMemo.open;
      },
      analytics,
      ...(settings.hours.timeZone ? { timeZone: settings.hours.timeZone } : {}),
      lastHeartbeat: () => lastHeartbeat,
      ...(host.processMemory ? { processMemory: host.processMemory } : {}),
      ...(host.relaunchesToday ? { relaunchesToday: host.relaunchesToday } : {}),
    },
    () => settings.metrics,
    log,
  );

  const handler = createKioskHandler({
    ...(editor ? { editor, editorPageDir: options.editor?.pageDir } : {}),
    rendererDir: options.rendererDir,
    mediaDir: () => content.servedMediaDir() ?? options.mediaDir,
    derivedDir: options.derivedDir,
    getExhibit: () => content.current(),
    getVisitorSettings: () => settings.visitor,
    getStatus: statusWithAnalytics,
    onHeartbeat: (body) => {
      lastHeartbeat = now();
      host.heartbeat?.();
      packages?.heartbeat(body);
    },
    onRendererLog: (level, message) => log[level](`renderer: ${message}`),
    staff,
    analytics: createAnalyticsRoute({
      store: analytics,
      isStaffToken: (token) => staff.isValidToken(token),
      sticks: () =>
        findSticks(
          watched.folders.map((folder) => ({ folder, level: stickLevel(folder, watched.configured) })),
        ),
      kioskName: hostname(),
      ...(settings.hours.timeZone ? { timeZone: settings.hours.timeZone } : {}),
      now,
      log,
    }),
    // Each host with its own origin: kiosk://app in Electron; a loopback name and the server's port for
    // the preview (the loopback host puts its port in every request URL).
    access: host.kind === 'electron' ? () => kioskProtocolPolicy : (url) => loopbackPolicy(url.port),
    metrics: (request, url, remoteAddress) => metrics.answer(request, url, remoteAddress),
    now,
  });

  return {
    handler,
    settings,
    settingsProblems: problems,
    content,
    packages,
    staffWarnings,
    status: statusWithAnalytics,
    health,
    analytics,
    metrics,
  };
}

/** The editor's routes: its service over the content and settings folders, its sessions and PIN check. */
function createEditor(
  options: BackendOptions,
  editor: EditorOption,
  content: ContentService,
  log: BackendLog,
  now: () => number,
) {
  const service = createEditorService({
    contentDir: options.mediaDir,
    configDir: options.configDir,
    check: createChecker(options.mediaDir, options.derivedDir),
    thumbnails: () => {
      const current = content.current();
      const photos = current.status === 'ok' ? current.exhibit.photos : [];
      return new Map(photos.map((p) => [p.id, p.thumbnail]));
    },
    reloadPreview: async () => (await content.reload()).ok,
    derivedDir: options.derivedDir,
    now,
    log: (m) => log.info(`editor: ${m}`),
  });
  const pin = createStaffHooks({
    getSettings: () => loadSettings(options.configDir).settings,
    getHealth: async () => ({}),
    onExit: () => undefined,
    onReloadContent: () => undefined,
    onRelaunch: () => undefined,
    lockoutFile: path.join(options.dataDir, EDITOR_LOCKOUT_FILE_NAME),
    now,
    log: (m) => log.info(`editor ${m}`),
    warn: (m) => log.warn(`editor ${m}`),
  });
  // Unsaved edits are kept beside the PIN lockout, in the editor's data folder: never in the content folder.
  const recovery = createRecoveryStore({
    dataDir: options.dataDir,
    contentDir: options.mediaDir,
    currentRevision: async (kind, id) => {
      const files = await itemFiles(options.mediaDir, kind, id);
      return files.size > 0 ? revisionOf(files) : null;
    },
    now,
    log: (m) => log.warn(`editor ${m}`),
  });
  // Publishing runs the checker `npm run content:publish` runs (in its worker, with the kiosk's budget).
  const contentWorker = options.contentWorker;
  const publishing = createEditorPublishing({
    contentDir: options.mediaDir,
    target: editor.publish ?? null,
    checker: contentWorker
      ? createPackageChecker(contentWorker)
      : () => Promise.reject(new Error('the content checker is not available in this backend')),
    kioskVersion: options.kioskVersion ?? '0.0.0',
    createdBy: publisherName(),
    log,
    derivedDir: options.derivedDir,
  });
  return createEditorRoute({
    service,
    sessions: createSessions(now),
    pin,
    roles: editor.roles ?? EDITOR_ROLES,
    log,
    recovery,
    publishing,
  });
}

/** Who publishes from the editor, for the manifest: this computer's user, as content:publish names it. */
function publisherName(): string {
  let user = 'staff';
  try {
    user = userInfo().username || user;
  } catch {
    // no user name on this system: "staff"
  }
  return `${user} (exhibit editor, curator)`.slice(0, 200);
}

/** The analytics store; when it cannot be opened at all (say, a read-only folder), nothing is recorded. */
function openAnalytics(
  dataDir: string,
  settings: KioskSettings,
  log: BackendLog,
  now: () => number,
): AnalyticsStore {
  try {
    // The per-day summary is kept in the kiosk's time zone (that of its opening hours).
    const zone = settings.hours.timeZone ? { timeZone: settings.hours.timeZone } : {};
    return openAnalyticsStore({ dataDir, settings: settings.analytics, log, now, ...zone });
  } catch (error) {
    log.warn(`analytics: could not open the database in ${dataDir} (${String(error)}); nothing is recorded`);
    return openAnalyticsStore({ dataDir, settings: { ...settings.analytics, enabled: false }, log, now });
  }
}
