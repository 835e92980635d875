/**
 * Keeps narration on the sound output the device settings name (`visitor.audioOutput`): looks for it when
 * the page starts, when the setting changes and whenever an output is plugged in or out, writes one log line
 * when the outcome changes (found, or not found and on the default output), and moves every narration
 * element onto it (`HTMLMediaElement.setSinkId`). The choice itself is `chooseAudioOutput`, a pure function.
 */
import { Howler } from 'howler';
import { useExhibit } from '../data/exhibitStore';
import { chooseAudioOutput, outputLogLine, type OutputChoice } from './audioOutput';

let choice: OutputChoice = { kind: 'default' };
let lastLine: string | null = null;
let looking = 0;

/** The device id narration plays on, or '' for the computer's default output. */
export function narrationSinkId(): string {
  return choice.kind === 'chosen' ? choice.deviceId : '';
}

/** Puts one narration element on the chosen output; an output that went away leaves it on the default. */
export function routeNarrationElement(element: HTMLMediaElement | undefined): void {
  if (!element || typeof element.setSinkId !== 'function') return;
  const sinkId = narrationSinkId();
  if (element.sinkId === sinkId) return;
  element.setSinkId(sinkId).catch((error: unknown) => {
    console.warn(
      `audio output: ${error instanceof Error ? error.message : String(error)}; narration plays on the default output`,
    );
  });
}

/** Every element of the Howls howler holds (`_howls` and `_sounds` are howler's own, not in its types). */
function narrationElements(): HTMLMediaElement[] {
  const howls =
    (Howler as unknown as { _howls?: { _sounds?: { _node?: HTMLMediaElement }[] }[] })._howls ?? [];
  return howls.flatMap((howl) => (howl._sounds ?? []).flatMap((sound) => (sound._node ? [sound._node] : [])));
}

async function lookForOutput(): Promise<void> {
  const wanted = useExhibit.getState().settings.audioOutput;
  const devices = navigator.mediaDevices;
  const turn = ++looking;
  const listed = wanted && devices?.enumerateDevices ? await devices.enumerateDevices().catch(() => []) : [];
  if (turn !== looking) return; // a newer look has begun
  choice = chooseAudioOutput(listed, wanted);
  const line = outputLogLine(choice);
  if (line !== lastLine) {
    if (choice.kind === 'missing') console.warn(line);
    else if (line) console.info(line);
    lastLine = line;
  }
  for (const element of narrationElements()) routeNarrationElement(element);
}

let started = false;
/** Starts keeping narration on the named output (once per page). */
export function keepNarrationOnItsOutput(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  void lookForOutput();
  navigator.mediaDevices?.addEventListener?.('devicechange', () => void lookForOutput());
  useExhibit.subscribe((state, before) => {
    if (state.settings.audioOutput !== before.settings.audioOutput) void lookForOutput();
  });
}
