// When the kiosk's fonts load (declared by fonts.ts, imported once by main.tsx): the attract loop's own few
// faces as it is laid out, every other face once it shows, and the full fonts behind them last.
let started = false;

/** The document's fonts (none where there is no real browser: component tests). */
export const fontSet = (): FontFaceSet | undefined =>
  typeof document === 'undefined' ? undefined : (document.fonts as FontFaceSet | undefined);

/**
 * Resolves when the screen on show has its type: two frames (it has been laid out and has asked for its
 * faces), then every face it asked for loaded. What loads after this cannot delay the attract loop's first
 * complete frame.
 */
export function afterFirstScreen(): Promise<unknown> {
  const fonts = fontSet();
  if (!fonts) return Promise.resolve();
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  return frame()
    .then(frame)
    .then(() => fonts.ready);
}

/** Load every cut face, then declare the full fonts as the fallback. Once, when the attract loop is idle. */
export function loadEveryFont(): void {
  const fonts = fontSet();
  if (started || !fonts) return;
  started = true;
  void afterFirstScreen().then(async () => {
    await import('./fontsVisit');
    const faces: Promise<unknown>[] = [];
    document.fonts.forEach((face) => {
      if (face.family.includes('Kiosk ') && face.status === 'unloaded')
        faces.push(face.load().catch(() => null));
    });
    await Promise.all(faces);
    await import('./fontsFallback');
  });
}
