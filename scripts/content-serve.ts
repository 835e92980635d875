/**
 * `npm run content:serve -- DIR [--port N] [--host H]`: serve a publish folder (the .kioskpkg packages and
 * latest.json that content:publish writes) to the kiosks of a small site, as plain static files with ETags.
 * Read-only; only the folder's own files; on 127.0.0.1 unless --host names the address of the museum's
 * network to listen on (e.g. --host 0.0.0.0, or the staff computer's own address). See docs/fleet.md.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UPDATE_INDEX_FILE } from '../main/common/packages';
import { createPublishServer } from '../main/packages/serve';
import { readCommandLine } from './packageCommand';

const USAGE = `Usage: npm run content:serve -- DIR [--port N] [--host H]

  DIR         the publish folder (content:publish --out)
  --port N    the port (default 8040)
  --host H    the address to listen on (default 127.0.0.1, this computer only;
              0.0.0.0 or this computer's address on the museum's network for the kiosks)
`;

function main(): number {
  const parsed = readCommandLine(
    { port: { type: 'string', default: '8040' }, host: { type: 'string', default: '127.0.0.1' } },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const dir = positionals[0];
  if (!dir || positionals.length > 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`There is no folder ${dir}.\n`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535; "${values.port}" is not.\n`);
    return 2;
  }
  if (!existsSync(path.join(dir, UPDATE_INDEX_FILE)))
    process.stderr.write(
      `Warning: ${path.join(dir, UPDATE_INDEX_FILE)} does not exist yet; content:publish writes it with the next package.\n`,
    );
  const server = createPublishServer({
    dir,
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  server.on('error', (error) => {
    process.stderr.write(`content:serve cannot listen on ${values.host}:${port}: ${error.message}\n`);
    process.exitCode = 1;
  });
  server.listen(port, values.host, () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const host = values.host.includes(':') ? `[${values.host}]` : values.host;
    process.stdout.write(
      `Serving ${path.resolve(dir)} (read-only) at http://${host}:${actual}/\n  kiosk.yaml: packages.updateUrl: http://${host === '0.0.0.0' ? '<this computer>' : host}:${actual}/${UPDATE_INDEX_FILE}\n`,
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return 0;
}

process.exitCode = main();
