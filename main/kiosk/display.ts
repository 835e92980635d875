/**
 * Which display the kiosk window goes on, at start and whenever displays are added, removed or changed.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
}

export interface DisplayChoice {
  display: DisplayInfo;
  /** Set when the configured display does not exist and the primary one is used instead. */
  warning?: string;
}

/** The configured display (index into the screen's list), or the primary one when it is not connected. */
export function pickDisplay(displays: DisplayInfo[], index: number, primary: DisplayInfo): DisplayChoice {
  const wanted = Number.isInteger(index) && index >= 0 ? displays[index] : undefined;
  if (wanted) return { display: wanted };
  return {
    display: primary,
    warning: `Display ${index} is not connected (${displays.length} found); using the primary display.`,
  };
}
