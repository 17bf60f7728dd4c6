/**
 * Draws only the latest of a stream of frames, once per animation frame. A worker sends ~30 frames
 * a second whatever the webview can draw; drawing each one as it arrives lets a backlog build up
 * behind a slow draw (a loaded machine, a panel that was loading), and the picture then lags the
 * training by seconds. Frames in between are dropped, never queued.
 */
export function latestOnly<T>(draw: (item: T) => void): (item: T) => void {
  let pending: T | undefined;
  let scheduled = false;
  const flush = () => {
    if (!scheduled) return;
    scheduled = false;
    const item = pending as T;
    pending = undefined;
    draw(item);
  };
  return (item: T) => {
    pending = item;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(flush);
    // A hidden webview gets no animation frames; a slow timer keeps its picture from going stale.
    setTimeout(flush, 250);
  };
}
