/**
 * Preloaded into electronegativity by `npm run security` (scripts/security-scan.ts). The scanner tries the
 * internet through `got` (for translations of its messages and for Electron release data); the kiosk's
 * machines have no internet, and on Node 24 a slow failure there crashes the scanner inside got's retry
 * (p-cancelable: "The `onCancel` handler was attached after the promise settled"). Every `got` call is
 * answered at once with "offline", which the scanner already handles: it carries on with its built-in data.
 */
const Module = require('node:module');

const offline = () => Promise.reject(new Error('offline: the security scan never uses the network'));
const got = Object.assign(offline, { head: offline, get: offline, post: offline, extend: () => got });
const load = Module._load;
Module._load = function loadWithoutNetwork(request, ...rest) {
  if (request === 'got') return { __esModule: true, default: got };
  return load.call(this, request, ...rest);
};
