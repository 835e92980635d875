/**
 * Keeps the exhibit the kiosk is showing: loads the content package, builds missing derivatives, and on a
 * reload keeps the last good package in service when the new one cannot be used at all. Shared by the
 * Electron shell and the preview server.
 */
import type { Exhibit, ExhibitResponse } from '../common/exhibit';
import { ensureDerivatives } from '../content/derive';
import { loadExhibitPackage } from '../content/load';

export interface ContentLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ContentReport {
  ok: boolean;
  errors: number;
  warnings: number;
  version?: string;
  message: string;
}

export interface ContentService {
  current(): ExhibitResponse;
  /** Load (or reload) the package. Never throws; keeps the last good exhibit on failure. */
  reload(): Promise<ContentReport>;
  lastReport(): ContentReport | null;
}

export function createContentService(options: {
  mediaDir: string;
  derivedDir: string;
  log: ContentLog;
  /** Build missing derivatives before loading (default true). */
  buildDerivatives?: boolean;
}): ContentService {
  let good: { exhibit: Exhibit; loadedAt: string; problems: number } | null = null;
  let report: ContentReport | null = null;
  let unavailableReason = 'The exhibit has not been loaded yet.';

  async function reload(): Promise<ContentReport> {
    try {
      if (options.buildDerivatives !== false) {
        await ensureDerivatives(options.mediaDir, options.derivedDir).catch((error: unknown) => {
          options.log.warn(`Could not build every image derivative: ${String(error)}`);
        });
      }
      const { exhibit, problems } = await loadExhibitPackage(options.mediaDir, {
        derivedDir: options.derivedDir,
      });
      const errors = problems.filter((p) => p.severity === 'error');
      const warnings = problems.length - errors.length;
      for (const p of problems) {
        const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
        const line = `content ${p.severity}: ${where} ${p.field ?? ''} ${p.message}`.replace(/\s+/g, ' ');
        if (p.severity === 'error') options.log.warn(line);
      }
      if (!exhibit) {
        unavailableReason = 'The content package could not be used.';
        report = {
          ok: false,
          errors: errors.length,
          warnings,
          message: good
            ? `The new content could not be used (${errors.length} errors); the previous version stays in service.`
            : `The content package could not be used (${errors.length} errors).`,
        };
        options.log.error(report.message);
        return report;
      }
      good = { exhibit, loadedAt: new Date().toISOString(), problems: problems.length };
      report = {
        ok: true,
        errors: errors.length,
        warnings,
        version: exhibit.version,
        message:
          errors.length > 0
            ? `Exhibit ${exhibit.id} ${exhibit.version} loaded; ${errors.length} broken items were left out.`
            : `Exhibit ${exhibit.id} ${exhibit.version} loaded.`,
      };
      options.log.info(report.message);
      return report;
    } catch (error) {
      report = { ok: false, errors: 1, warnings: 0, message: `Loading the content failed: ${String(error)}` };
      options.log.error(report.message);
      return report;
    }
  }

  return {
    current: () => (good ? { status: 'ok', ...good } : { status: 'unavailable', reason: unavailableReason }),
    reload,
    lastReport: () => report,
  };
}
