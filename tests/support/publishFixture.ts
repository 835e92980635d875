/**
 * The valid test exhibit (tests/fixtures/valid) published as a real, signed content package by the
 * kiosk's own publish code, as version `version` (its exhibit.yaml says 1.0.<version>). For the tests of
 * packages: staging, network pulls, USB sticks, several kiosks.
 */
import { randomBytes } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { publishFolder } from '../../main/packages/publish';
import { inProcessChecker } from './inProcessChecker';
import type { TestKey } from './packageCraft';

export async function publishValidFixture(options: {
  /** A scratch folder for the copy of the exhibit. */
  workDir: string;
  version: number;
  outDir: string;
  signer: TestKey;
  createdBy?: string;
}): Promise<string> {
  const { version } = options;
  const content = path.join(options.workDir, `content-${version}-${randomBytes(4).toString('hex')}`);
  await cp('tests/fixtures/valid', content, { recursive: true });
  const yaml = path.join(content, 'exhibit.yaml');
  await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/^version: .*$/m, `version: 1.0.${version}`));
  const outcome = await publishFolder({
    contentDir: content,
    outDir: options.outDir,
    privateKey: options.signer.privateKey,
    checker: inProcessChecker,
    kioskVersion: '0.1.0',
    createdBy: options.createdBy ?? 'tests',
    version,
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file;
}
