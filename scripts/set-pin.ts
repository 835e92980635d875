/**
 * `npm run set-pin`: set the staff PIN of this kiosk. The PIN (4–12 digits) is stored only as a scrypt hash
 * (`staffPinHash` in kiosk-config/kiosk.yaml), written atomically; the kiosk reads it at the next unlock,
 * no restart needed.
 *
 * On a terminal it asks twice without showing the digits. Piped, it reads the PIN from the first line of
 * standard input (and, if there is a second line, requires it to match):
 *   printf '2468\n2468\n' | npm run set-pin -- --config /path/to/kiosk-config
 *
 * Options: --config DIR (default: kiosk-config, or $MEMORIAL_KIOSK_CONFIG), --clear (remove the PIN).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SETTINGS_FILE, writeSettingsAtomically } from '../main/config/settings';
import { hashPin, isValidPinFormat } from '../main/kiosk/staff';

export type PinInput = { ok: true; pin: string } | { ok: false; message: string };

export const FORMAT_MESSAGE = 'A staff PIN is 4 to 12 digits (0–9), nothing else.';

/** Check a new PIN and its repetition. */
export function checkNewPin(first: string, second: string | undefined): PinInput {
  if (!isValidPinFormat(first)) return { ok: false, message: FORMAT_MESSAGE };
  if (second !== undefined && second !== first)
    return { ok: false, message: 'The two PINs differ; nothing was changed.' };
  return { ok: true, pin: first };
}

/** The PIN from piped input: the first line, and the second (if any) as its repetition. */
export function pinFromPipedInput(text: string): PinInput {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { ok: false, message: 'No PIN on standard input.' };
  if (lines.length > 2) return { ok: false, message: 'Expected one line (the PIN) or two (the PIN twice).' };
  return checkNewPin(lines[0] ?? '', lines[1]);
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Ask for a line on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, clear: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  const configDir = path.resolve(values.config ?? process.env.MEMORIAL_KIOSK_CONFIG ?? 'kiosk-config');
  const target = path.join(configDir, SETTINGS_FILE);

  if (values.clear) {
    writeSettingsAtomically(configDir, { staffPinHash: undefined });
    console.log(
      `The staff PIN was removed from ${target}; the staff screen cannot be opened until a new one is set.`,
    );
    return 0;
  }

  let input: PinInput;
  if (process.stdin.isTTY) {
    try {
      const first = await askHidden('New staff PIN (4–12 digits): ');
      const firstCheck = checkNewPin(first, undefined);
      if (!firstCheck.ok) {
        console.error(firstCheck.message);
        return 1;
      }
      input = checkNewPin(first, await askHidden('The same PIN again: '));
    } catch {
      console.error('Cancelled; nothing was changed.');
      return 130;
    }
  } else {
    input = pinFromPipedInput(await readAll(process.stdin));
  }
  if (!input.ok) {
    console.error(input.message);
    return 1;
  }
  const staffPinHash = await hashPin(input.pin);
  try {
    writeSettingsAtomically(configDir, { staffPinHash });
  } catch (error) {
    console.error(`The PIN could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log(`Staff PIN saved in ${target} (as a scrypt hash). The kiosk uses it from the next unlock.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
