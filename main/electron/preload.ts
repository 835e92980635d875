/**
 * The kiosk page's preload. It exposes nothing: the page talks to the kiosk only with fetch() to /api on
 * its own kiosk:// origin, so no contextBridge API (and no IPC channel) exists to be abused.
 *
 * It does one thing: files dragged onto the window are never opened (webPreferences.navigateOnDragDrop is
 * off and navigation is refused as well; this keeps even the drop cursor from suggesting otherwise).
 * The page's and the preload's listeners see the same DOM events; the preload runs in its isolated world.
 */
const refuseDrop = (event: DragEvent): void => {
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
};

window.addEventListener('dragover', refuseDrop, true);
window.addEventListener('drop', refuseDrop, true);
