/** The settings schema under the name `main/common/settings.ts` refers to; the code lives in `settings.ts`. */
export { kioskSettingsSchema, settingsSchema, DEFAULT_SETTINGS } from './settings';
