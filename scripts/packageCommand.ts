/**
 * What the package commands (content:publish, content:verify, content:install) share on their command
 * line: reading it with --help, the one package file they are given, and the kiosk-config they act on.
 * Each answers with what to do next, or the exit code once it has said what is wrong.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } };
export type CommandLine<O extends Options> = ReturnType<
  typeof parseArgs<{ options: WithHelp<O>; allowPositionals: true }>
>;

/** The parsed command line; a mistake prints the usage (exit 2), --help prints it (exit 0). */
export function readCommandLine<O extends Options>(options: O, usage: string): CommandLine<O> | number {
  let parsed: CommandLine<O>;
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O>;
    parsed = parseArgs({ options: withHelp, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  // parseArgs' types cannot see --help through the generic options; it is always declared above.
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    return 0;
  }
  return parsed;
}

/** The one existing package file named on the command line, or exit code 2 once it said what is wrong. */
export function onePackageFile(positionals: string[], usage: string): string | number {
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    process.stderr.write(usage);
    return 2;
  }
  if (!existsSync(file)) {
    process.stderr.write(`There is no file ${file}.\n`);
    return 2;
  }
  return file;
}

/** The kiosk-config folder: --config, or $MEMORIAL_KIOSK_CONFIG, or kiosk-config. */
export function configDirOf(config: string | undefined): string {
  return path.resolve(config ?? process.env.MEMORIAL_KIOSK_CONFIG ?? 'kiosk-config');
}
