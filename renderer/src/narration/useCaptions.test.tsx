// @vitest-environment happy-dom
/**
 * The kiosk shows the good cues of a captions file with one broken cue (the checker names the broken one,
 * with its line, for staff to fix).
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { useCaptions } from './useCaptions';

function Cues({ url }: { url: string }) {
  const cues = useCaptions(url);
  return <p data-testid="cues">{cues === null ? 'loading' : cues.map((c) => c.text).join(' | ')}</p>;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it('keeps the good cues of a file with one broken cue', async () => {
  const vtt =
    'WEBVTT\n\n00:00.000 --> 00:01.000\nThe boats\n\n00:01,000 --> 00:02.000\ncame in\n\n00:02.000 --> 00:03.000\nat dawn.\n';
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(vtt, { status: 200 })),
  );
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  render(<Cues url="/media/audio/x.vtt" />);
  expect((await screen.findByText(/The boats/)).textContent).toBe('The boats | at dawn.');
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/x\.vtt.*line 6/));
});

it('shows no cues for a file that is not WebVTT at all', async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('<html>not captions</html>', { status: 200 })),
  );
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  render(<Cues url="/media/audio/y.vtt" />);
  await vi.waitFor(() => expect(screen.getByTestId('cues').textContent).toBe(''));
});
