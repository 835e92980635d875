/** This kiosk software's version (package.json), for the command-line tools. */
import { readFileSync } from 'node:fs';

export function kioskSoftwareVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
