/**
 * Where the Electron binary is, or why it is not there. `require('electron')` downloads the binary on first
 * use; on a machine without the internet that fails, so we ask in a child process and keep its noise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(timeoutMs = 120_000): ElectronBinary {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n@@' + require('electron'))"], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const marker = probe.stdout?.lastIndexOf('\n@@') ?? -1;
  const binary = marker >= 0 ? probe.stdout.slice(marker + 3).trim() : '';
  if (probe.status === 0 && binary && existsSync(binary)) return { found: true, path: binary };
  return {
    found: false,
    reason:
      'the Electron binary is not installed on this machine (it is downloaded on first run, which needs the internet)',
  };
}
