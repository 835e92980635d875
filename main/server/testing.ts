import type { VisitorSettings } from '../common/settings';

/** Visitor settings with the product's defaults, for tests of the handler that need some settings. */
export const defaultVisitorSettingsForTests: VisitorSettings = {
  idleSeconds: 90,
  warningSeconds: 15,
  volume: 0.8,
  fadeSeconds: 0.4,
  hideCursor: true,
};
