/**
 * `npm run keys:create -- --out DIR [--config DIR] [--name NAME]`: make the museum's Ed25519 key pair for
 * signing content packages (docs/fleet.md). The private key stays in DIR, readable by its owner only: keep
 * it on the staff computer, never on a kiosk or a USB stick. With --config, the public key is added to the
 * trusted keys of that kiosk-config/kiosk.yaml (comments kept); otherwise add it to each kiosk later with
 *   npm run keys:create -- --trust DIR --config kiosk-config
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { addTrustedKey, createKeyPair, PUBLIC_KEY_FILE } from '../main/packages/keys';

const USAGE = `Usage: npm run keys:create -- --out DIR [--config DIR] [--name NAME]
       npm run keys:create -- --trust DIR --config DIR [--name NAME]

  --out DIR     folder for the new key pair (the private key never leaves it)
  --config DIR  a kiosk-config folder whose kiosk.yaml trusts the public key
  --trust DIR   add the public key of an existing key folder to --config instead of making a new one
  --name NAME   whose key this is, written beside it in kiosk.yaml (default: the computer's user name)
`;

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        config: { type: 'string' },
        trust: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.out === !values.trust || (values.trust && !values.config)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const name = values.name ?? os.userInfo().username;
  let publicKey: string;
  if (values.out) {
    try {
      const made = createKeyPair(path.resolve(values.out));
      publicKey = made.publicKey;
      process.stdout.write(
        `Key pair made.\n  private key: ${made.privateKeyFile} (only you can read it; keep it on this computer and back it up safely)\n  public key:  ${made.publicKeyFile}\n  ${publicKey}\n`,
      );
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  } else {
    try {
      publicKey = readFileSync(path.join(path.resolve(values.trust ?? ''), PUBLIC_KEY_FILE), 'utf8').trim();
    } catch {
      process.stderr.write(`No ${PUBLIC_KEY_FILE} in ${values.trust ?? ''}.\n`);
      return 1;
    }
  }
  if (values.config) {
    try {
      const added = addTrustedKey(path.resolve(values.config), { name, key: publicKey });
      process.stdout.write(
        added
          ? `The kiosk-config in ${values.config} now trusts this key (packages.trustedKeys in kiosk.yaml).\n`
          : `The kiosk-config in ${values.config} already trusted this key.\n`,
      );
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}

process.exitCode = main();
