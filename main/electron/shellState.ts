/** The persisted launch history and last crash (`state.json`), shown on the staff screen. */
import log from 'electron-log/main';
import { writeJsonAtomically } from '../files/atomicWrite';
import { readShellState, recordCrash, recordLaunch, type ShellState } from '../kiosk/health';

export interface ShellStateStore {
  current(): ShellState;
  noteCrash(kind: string, reason: string): void;
}

export async function setupShellState(file: string, startedAt: Date): Promise<ShellStateStore> {
  let state = recordLaunch(await readShellState(file), startedAt);
  const save = (next: ShellState) => {
    state = next;
    void writeJsonAtomically(file, state).catch((e: unknown) => log.warn(`state not saved: ${String(e)}`));
  };
  save(state);
  return {
    current: () => state,
    noteCrash: (kind, reason) => save(recordCrash(state, { at: new Date().toISOString(), kind, reason })),
  };
}
