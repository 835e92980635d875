/**
 * Visitor figures saved onto a USB stick from the staff screen (issue 16): the kiosk itself refuses every
 * download (main/electron/permissions.ts), so this is how the figures leave a kiosk. Both CSV files (one row
 * per event, one per day; columns in docs/privacy.md) are written into `kiosk-analytics/` on the first stick
 * that takes them, each atomically (a stick pulled out mid-write leaves no half file under the real name).
 */
import path from 'node:path';
import type { StickExportResult } from '../common/api';
import type { DatabaseSync } from 'node:sqlite';
import { writeFileAtomically } from '../files/atomicWrite';
import { csvLine, EVENT_COLUMNS, eventRowsCsv, SUMMARY_COLUMNS, summaryRowsCsv } from './export';
import type { Period } from './queries';

export const STICK_FOLDER = 'kiosk-analytics';

/** CSV rows as bytes, a few hundred rows at a time (a year of events is not held in memory at once). */
async function* encoded(rows: Iterable<string>, counted: { rows: number }): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let batch = '';
  for (const row of rows) {
    counted.rows++;
    batch += row;
    if (batch.length > 64 * 1024) {
      yield encoder.encode(batch);
      batch = '';
    }
  }
  if (batch) yield encoder.encode(batch);
}

/** A name for files from this kiosk: letters, digits and dashes only (any file system takes it). */
export function fileStem(kioskName: string, period: Pick<Period, 'from' | 'to'>): string {
  const name =
    kioskName
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'kiosk';
  return `${name}-${period.from}-${period.to}`;
}

export async function exportToStick(options: {
  db: DatabaseSync | null;
  period: Period;
  sticks: readonly string[];
  kioskName: string;
}): Promise<StickExportResult> {
  const { db, period, sticks } = options;
  if (sticks.length === 0) return { ok: false, reason: 'no-stick', detail: '' };
  const stem = fileStem(options.kioskName, period);
  const failures: string[] = [];
  for (const stick of sticks) {
    const folder = path.join(stick, STICK_FOLDER);
    const events = { rows: 0 };
    try {
      const eventsFile = path.join(folder, `${stem}-events.csv`);
      const summaryFile = path.join(folder, `${stem}-daily.csv`);
      await writeFileAtomically(
        eventsFile,
        encoded(db ? eventRowsCsv(db, period) : [csvLine(EVENT_COLUMNS)], events),
        {
          makeFolder: true,
        },
      );
      await writeFileAtomically(
        summaryFile,
        encoded(db ? summaryRowsCsv(db, period) : [csvLine(SUMMARY_COLUMNS)], { rows: 0 }),
      );
      return {
        ok: true,
        folder,
        files: [path.basename(eventsFile), path.basename(summaryFile)],
        events: Math.max(0, events.rows - 1),
      };
    } catch (error) {
      failures.push(`${stick}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return { ok: false, reason: 'write-failed', detail: failures.join('; ') };
}
