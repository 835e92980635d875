/**
 * Text the audio guide leaves to a recorded narration (issue 17: "where a recorded narration exists for a
 * text, it is used instead of synthetic speech"). The screen marks such text with this attribute; when it
 * gets focus the guide says nothing over it and the narration player plays the recording (and pauses it
 * when focus leaves the text). Kept apart from the player so the guide needs no audio code.
 */
export const READ_BY_RECORDING = 'data-read-by-recording';

/** Whether this element is (inside) text the recording reads. */
export function isReadByRecording(element: EventTarget | null): boolean {
  return element instanceof Element && element.closest(`[${READ_BY_RECORDING}]`) !== null;
}
