/**
 * A child process for the power-cut test (main/packages/store.test.ts): it installs a package into a
 * packages folder with the kiosk's own store, and at the named step says "paused <step>" on stdout and
 * waits forever, so the parent can kill it there with SIGKILL, exactly as a power cut would. The kiosk
 * itself passes no step hook; this file is the only one that stops at a step.
 *
 *   node --import tsx tests/support/installChild.ts <packages-dir> <package-file> <step> <trusted-public-key>
 */
import { createChecker } from '../../main/packages/checker';
import { createPackageStore, type InstallStep } from '../../main/packages/store';
import { contentWorkerFromSource } from '../../main/content/load/workerLocation';

const [packagesDir = '', packageFile = '', pauseAt = '', publicKey = ''] = process.argv.slice(2);

const store = createPackageStore({
  packagesDir,
  trust: { trustedKeys: [publicKey], acceptUnsigned: false },
  checker: createChecker(contentWorkerFromSource()),
  kioskVersion: '0.1.0',
  onStep: async (step: InstallStep) => {
    if (step !== pauseAt) return;
    process.stdout.write(`paused ${step}\n`);
    await new Promise(() => {}); // never resolves: the parent kills us here
  },
});

const outcome = await store.install(packageFile);
process.stdout.write(outcome.ok ? 'done\n' : `refused ${outcome.refusal.code}: ${outcome.refusal.message}\n`);
