/**
 * `npm run analytics:export -- --data DIR --out FILE.csv [--summary] [--from YYYY-MM-DD] [--to YYYY-MM-DD]`
 *
 * Exports the kiosk's analytics (`DIR/analytics.sqlite`) as CSV: one row per event, or with `--summary` one
 * row per day of summary figures (the columns are listed in docs/privacy.md). The period defaults to the
 * last 400 days up to today, in the time zone of `--config DIR`'s opening hours (default kiosk-config/),
 * else the computer's. Reads the database without changing it.
 */
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { eventRowsCsv, summaryRowsCsv } from '../main/analytics/export';
import { checkPeriod, localDayHour } from '../main/analytics/queries';
import { ANALYTICS_FILE_NAME } from '../main/analytics/store';
import { loadSettings } from '../main/config/settings';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    summary: { type: 'boolean', default: false },
    from: { type: 'string' },
    to: { type: 'string' },
    config: { type: 'string', default: 'kiosk-config' },
  },
  allowPositionals: false,
});

if (!values.data || !values.out) {
  console.error(
    'Usage: npm run analytics:export -- --data DIR --out FILE.csv [--summary] [--from DAY] [--to DAY]',
  );
  process.exit(2);
}
const file = path.join(path.resolve(values.data), ANALYTICS_FILE_NAME);
if (!existsSync(file)) {
  console.error(`No analytics database in ${path.resolve(values.data)} (expected ${ANALYTICS_FILE_NAME}).`);
  process.exit(1);
}
const timeZone = existsSync(values.config) ? loadSettings(values.config).settings.hours.timeZone : undefined;
const nowSeconds = Math.floor(Date.now() / 1000);
const to = values.to ?? localDayHour(nowSeconds, timeZone).day;
const from = values.from ?? localDayHour(nowSeconds - 399 * 86_400, timeZone).day;
const period = checkPeriod(from, to);
if (typeof period === 'string') {
  console.error(`--from/--to: ${period}`);
  process.exit(2);
}

const db = new DatabaseSync(file, { readOnly: true });
const rows = values.summary
  ? summaryRowsCsv(db, { ...period, ...(timeZone ? { timeZone } : {}) })
  : eventRowsCsv(db, { ...period, ...(timeZone ? { timeZone } : {}) });
const out = createWriteStream(values.out);
let lines = -1;
for (const line of rows) {
  lines += 1;
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
await new Promise<void>((resolve, reject) =>
  out.end((error?: Error | null) => (error ? reject(error) : resolve())),
);
db.close();
console.log(
  `Wrote ${lines} ${values.summary ? 'days' : 'events'} (${period.from} to ${period.to}) to ${path.resolve(values.out)}.`,
);
