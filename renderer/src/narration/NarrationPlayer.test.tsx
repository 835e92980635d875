// @vitest-environment happy-dom
/**
 * The player on the page, with the narration controller driven by the fake Howl (no audio in vitest; the
 * real howler is exercised by tests/e2e/narration.spec.ts).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiaryEntry } from '../../../main/common/exhibit';
import { useVisit } from '../session/visitStore';
import { FakeHowl } from '../../../tests/support/fakeHowl';
import { NarrationPlayer } from './NarrationPlayer';

const holds = vi.hoisted(() => ({ count: 0 }));

vi.mock('./narration', async () => {
  const { createNarrationController } = await import('./narrationController');
  const { FakeHowl: Fake } = await import('../../../tests/support/fakeHowl');
  return {
    narration: createNarrationController({
      createHowl: (options) => new Fake(options),
      session: { holdStart: () => (holds.count += 1), holdEnd: () => (holds.count -= 1) },
      settings: () => ({ volume: 0.8, fadeSeconds: 0 }),
    }),
  };
});

const vtt = `WEBVTT

1
00:00:00.000 --> 00:00:04.479
When the gates to my garden are opened

2
00:00:04.479 --> 00:00:08.899
where I have already taken in over a hundred`;

const entry: DiaryEntry = {
  id: 'rabe-garden-gate',
  kind: 'diaryEntry',
  author: 'john-rabe',
  source: 'John Rabe, diary',
  originalLanguage: 'de',
  text: { en: 'When the gates…' },
  narration: {
    en: {
      audio: '/media/audio/rabe-garden-gate.en.ogg',
      captions: '/media/audio/rabe-garden-gate.en.vtt',
      placeholder: true,
    },
  },
  captions: {},
  drafts: [],
};

function howl(): FakeHowl {
  const made = FakeHowl.alive();
  if (made.length !== 1) throw new Error(`expected one Howl, found ${made.length}`);
  return made[0] as FakeHowl;
}

beforeEach(() => {
  FakeHowl.forget();
  holds.count = 0;
  useVisit.getState().reset();
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(vtt, { status: 200 })),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NarrationPlayer', () => {
  it('loads but does not play until the visitor presses play; captions follow the position', async () => {
    render(<NarrationPlayer entry={entry} />);
    expect(howl().options.src).toBe('/media/audio/rabe-garden-gate.en.ogg');
    act(() => howl().finishLoading(20.6));
    expect(howl().playing).toBe(false);
    expect(screen.getByTestId('narration-placeholder').textContent).toBe(
      'Synthetic voice — a placeholder for a recorded reader.',
    );
    expect(await screen.findByText('When the gates to my garden are opened')).toBeTruthy();
    const scrubber = screen.getByRole('slider', { name: 'Position in the narration' });
    expect(scrubber.getAttribute('aria-valuetext')).toBe('0:00 of 0:20');

    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    act(() => howl().started());
    expect(howl().playing).toBe(true);
    expect(holds.count).toBe(1);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();

    fireEvent.change(scrubber, { target: { value: '5' } });
    expect(howl().position).toBe(5);
    expect(screen.getByTestId('narration-caption').textContent).toBe(
      'where I have already taken in over a hundred',
    );
    expect(screen.getByTestId('narration-elapsed').textContent).toBe('0:05');
    expect(scrubber.getAttribute('aria-valuetext')).toBe('0:05 of 0:20');

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(howl().playing).toBe(false);
    expect(holds.count).toBe(0);
  });

  it('the captions toggle is the visit’s captionsOn', async () => {
    render(<NarrationPlayer entry={entry} />);
    const toggle = screen.getByRole('button', { name: 'Captions' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(useVisit.getState().captionsOn).toBe(false);
    expect(screen.queryByTestId('narration-caption')).toBeNull();
    fireEvent.click(toggle);
    expect(useVisit.getState().captionsOn).toBe(true);
    expect(screen.getByTestId('narration-caption')).toBeTruthy();
  });

  it('stops and unloads when the visitor leaves the excerpt', () => {
    const { unmount } = render(<NarrationPlayer entry={entry} />);
    act(() => howl().finishLoading(20.6));
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    unmount();
    expect(FakeHowl.alive()).toHaveLength(0);
    expect(holds.count).toBe(0);
  });

  it('a language change stops the narration and offers it as another language’s', () => {
    render(<NarrationPlayer entry={entry} />);
    const first = howl();
    act(() => first.finishLoading(20.6));
    fireEvent.click(screen.getByRole('button', { name: 'Listen' }));
    act(() => useVisit.getState().chooseLanguage('zh-Hans'));
    expect(first.state).toBe('unloaded');
    expect(holds.count).toBe(0);
    expect(screen.getByTestId('narration-none').textContent).toBe('本段摘录暂无您所选语言的朗读。');
    expect(screen.getByTestId('narration-offer').textContent).toContain('英语');
    expect(howl().playing).toBe(false);
  });

  it('a failure is one quiet sentence and the page stays usable', () => {
    render(<NarrationPlayer entry={entry} />);
    act(() => howl().failLoading(4));
    expect(screen.getByTestId('narration-failed').textContent).toBe(
      'The narration cannot be played right now.',
    );
    expect(screen.getByRole('button', { name: 'Listen' })).toBeTruthy();
  });

  it('renders nothing for an excerpt without narration', () => {
    const { container } = render(<NarrationPlayer entry={{ ...entry, narration: {} }} />);
    expect(container.innerHTML).toBe('');
  });
});
