import { chooseChromium } from '../chromium';

export default function globalSetup(): void {
  console.log(`End-to-end tests use ${chooseChromium().description}.`);
}
