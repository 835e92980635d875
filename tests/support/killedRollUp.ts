/**
 * For rollup.test.ts: open an analytics database and start rolling its pending visits up, then die by
 * SIGKILL in the middle of the second chunk (a custom SQL function called from a trigger kills the process
 * while the chunk's transaction is open), as a kiosk switched off at the wrong moment would.
 *
 * Usage: node --import tsx tests/support/killedRollUp.ts DATA_DIR
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { rollUpPending } from '../../main/analytics/rollup';
import { ANALYTICS_FILE_NAME } from '../../main/analytics/store';

const db = new DatabaseSync(path.join(process.argv[2] ?? '.', ANALYTICS_FILE_NAME));
db.function('die', () => {
  process.kill(process.pid, 'SIGKILL');
  return 0;
});
const victim = db.prepare('SELECT visit FROM visits ORDER BY started LIMIT 1 OFFSET 550').get() as {
  visit: string;
};
db.exec(`CREATE TEMP TRIGGER die_half_way AFTER UPDATE OF day ON visits WHEN NEW.visit = '${victim.visit}'
         BEGIN SELECT die(); END`);
process.stdout.write('rolling up\n');
rollUpPending(db, 'Asia/Shanghai', 2 ** 40, 500);
process.stdout.write('finished (the process should have been killed)\n');
