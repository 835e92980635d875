/**
 * Which sound output narration plays on (issue 17, headphones): the device settings name it by (part of)
 * its name as the computer lists it (`visitor.audioOutput`), and the page finds it among the outputs the
 * browser lists. A pure choice, so every case is a table test; `audioOutputs.ts` wires it to the page.
 */

/** An output as `navigator.mediaDevices.enumerateDevices()` lists it (only the fields used here). */
export interface ListedDevice {
  kind: string;
  label: string;
  deviceId: string;
}

export type OutputChoice =
  /** Nothing is named: the computer's default output, and nothing to say. */
  | { kind: 'default' }
  /** The named output: play on this device id. */
  | { kind: 'chosen'; deviceId: string; label: string }
  /** An output is named but none matches (unplugged, renamed, or names hidden): the default output. */
  | { kind: 'missing'; wanted: string; labels: string[] };

/** Chromium's two stand-ins for "whatever the system uses", listed beside the real outputs. */
const STAND_INS = new Set(['default', 'communications']);

function normalize(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/**
 * The output narration should use. A label equal to the wanted name wins; else the first real output whose
 * label contains it (in the order the computer lists them). The stand-ins "default" and "communications"
 * are chosen only when their own label is named exactly, since "Default - Headphones" names the
 * headphones only while they happen to be the default.
 */
export function chooseAudioOutput(
  devices: readonly ListedDevice[],
  wanted: string | undefined,
): OutputChoice {
  const name = wanted === undefined ? '' : normalize(wanted);
  if (name === '') return { kind: 'default' };
  const outputs = devices.filter((d) => d.kind === 'audiooutput' && d.deviceId !== '');
  const exact = outputs.find((d) => normalize(d.label) === name);
  if (exact) return { kind: 'chosen', deviceId: exact.deviceId, label: exact.label };
  const partial = outputs.find((d) => !STAND_INS.has(d.deviceId) && normalize(d.label).includes(name));
  if (partial) return { kind: 'chosen', deviceId: partial.deviceId, label: partial.label };
  return {
    kind: 'missing',
    wanted: wanted?.trim() ?? '',
    labels: outputs.filter((d) => !STAND_INS.has(d.deviceId)).map((d) => d.label || '(no name)'),
  };
}

/** The one log line for a choice, or null when there is nothing a technician needs to read. */
export function outputLogLine(choice: OutputChoice): string | null {
  switch (choice.kind) {
    case 'default':
      return null;
    case 'chosen':
      return `audio output: narration plays on "${choice.label}"`;
    case 'missing':
      return choice.labels.length === 0
        ? `audio output: "${choice.wanted}" (visitor.audioOutput) was not found, and the computer lists no outputs by name; narration plays on the default output`
        : `audio output: "${choice.wanted}" (visitor.audioOutput) was not found among ${choice.labels.map((l) => `"${l}"`).join(', ')}; narration plays on the default output`;
  }
}
