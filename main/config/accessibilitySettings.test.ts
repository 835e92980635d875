import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKeyMap } from '../common/keyMap';
import { loadSettings } from './settings';

async function configWith(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-config-keys-'));
  await writeFile(path.join(dir, 'kiosk.yaml'), text);
  return dir;
}

describe('visitor.accessibility in kiosk.yaml (issue 17)', () => {
  it('without it: the default key map, normal speech, the guide on its own key', async () => {
    const { settings, problems } = loadSettings(await configWith('visitor:\n  idleSeconds: 60\n'));
    expect(problems).toEqual([]);
    expect(settings.visitor.accessibility).toEqual({
      keys: defaultKeyMap(),
      speechRate: 1,
      speechVolume: 1,
      audioOnAnyKey: false,
      audioIdleSeconds: 180,
      audioWarningSeconds: 30,
      exploreByTouch: true,
      exploreHoldSeconds: 1.5,
    });
  });

  it('explore by touch: turned off, its hold set, or a mistake named and its default used', async () => {
    const set = loadSettings(
      await configWith(
        ['visitor:', '  accessibility:', '    exploreByTouch: false', '    exploreHoldSeconds: 2.5', ''].join(
          '\n',
        ),
      ),
    );
    expect(set.problems).toEqual([]);
    expect(set.settings.visitor.accessibility).toMatchObject({
      exploreByTouch: false,
      exploreHoldSeconds: 2.5,
    });
    const wrong = loadSettings(
      await configWith(['visitor:', '  accessibility:', '    exploreHoldSeconds: 0.1', ''].join('\n')),
    );
    expect(wrong.settings.visitor.accessibility).toMatchObject({
      exploreByTouch: true,
      exploreHoldSeconds: 1.5,
    });
    expect(wrong.problems.find((p) => p.field === 'visitor.accessibility.exploreHoldSeconds')).toMatchObject({
      line: 3,
    });
  });

  it('the idle time in audio mode: set, or a mistake named and its default used', async () => {
    const set = loadSettings(
      await configWith(
        ['visitor:', '  accessibility:', '    audioIdleSeconds: 300', '    audioWarningSeconds: 45', ''].join(
          '\n',
        ),
      ),
    );
    expect(set.problems).toEqual([]);
    expect(set.settings.visitor.accessibility).toMatchObject({
      audioIdleSeconds: 300,
      audioWarningSeconds: 45,
    });
    const wrong = loadSettings(
      await configWith(
        ['visitor:', '  accessibility:', '    audioIdleSeconds: 5', '    audioWarningSeconds: 30', ''].join(
          '\n',
        ),
      ),
    );
    expect(wrong.settings.visitor.accessibility).toMatchObject({
      audioIdleSeconds: 180,
      audioWarningSeconds: 30,
    });
    expect(wrong.problems.find((p) => p.field === 'visitor.accessibility.audioIdleSeconds')).toMatchObject({
      line: 3,
    });
  });

  it("a keypad's own keys for some actions; the others keep their defaults", async () => {
    const { settings, problems } = loadSettings(
      await configWith(
        [
          'visitor:',
          '  accessibility:',
          '    keys:',
          "      move-next: ['2']",
          "      choose: ['5', 'Enter']",
          '    speechRate: 0.8',
          '    audioOnAnyKey: true',
          '',
        ].join('\n'),
      ),
    );
    expect(problems).toEqual([]);
    const a = settings.visitor.accessibility;
    expect(a.keys['move-next']).toEqual(['2']);
    expect(a.keys.choose).toEqual(['5', 'Enter']);
    expect(a.keys.back).toEqual(defaultKeyMap().back);
    expect(a).toMatchObject({ speechRate: 0.8, speechVolume: 1, audioOnAnyKey: true });
  });

  it('a mistake is named with its line and the default is used; the kiosk keeps running', async () => {
    const { settings, problems } = loadSettings(
      await configWith(
        ['visitor:', '  accessibility:', '    keys:', "      choose: ['']", '    speechRate: 9', ''].join(
          '\n',
        ),
      ),
    );
    expect(settings.visitor.accessibility.keys.choose).toEqual(defaultKeyMap().choose);
    expect(settings.visitor.accessibility.speechRate).toBe(1);
    const fields = problems.map((p) => p.field);
    // An action left with no key would be unusable: its default keys are used instead.
    expect(fields.some((f) => f?.startsWith('visitor.accessibility.keys.choose'))).toBe(true);
    expect(fields).toContain('visitor.accessibility.speechRate');
    expect(problems.find((p) => p.field === 'visitor.accessibility.speechRate')).toMatchObject({ line: 5 });
  });
});
