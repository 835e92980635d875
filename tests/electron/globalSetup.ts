/**
 * Looks for the Electron binary once, for every test in this folder, and says in one line when it is not
 * there (the tests then skip themselves with the same sentence).
 */
import { findElectronBinary } from '../../scripts/electron-binary';

const SKIP_REASON =
  'Electron binary not installed on this machine (it is downloaded on first run, which needs the internet); run `npx electron --version` once on a connected machine, then `npm run test:electron`.';

export default function globalSetup(): void {
  const binary = findElectronBinary(60_000);
  process.env.KIOSK_ELECTRON_BINARY = binary.found ? binary.path : '';
  if (!binary.found) console.log(`Skipping the Electron tests: ${SKIP_REASON}`);
}
