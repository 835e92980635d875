/**
 * happy-dom has no canvas, so OpenSeadragon cannot draw there. Component tests swap it for this stand-in,
 * which does what the photo viewer asks of it and draws nothing:
 *   vi.mock('openseadragon', async () => (await import('../../tests/unit/fakeOpenSeadragon')).openSeadragonModule);
 * The real viewer (tiles, pinch, double-tap) is exercised in Chromium by tests/e2e/visit.spec.ts.
 */
type Handler = (event: Record<string, unknown>) => void;

class FakeEvents {
  addHandler(_name: string, _handler: Handler): void {}
  addOnceHandler(_name: string, _handler: Handler): void {}
  removeHandler(_name: string, _handler: Handler): void {}
}

class FakeViewport {
  private zoom = 1;
  getZoom(): number {
    return this.zoom;
  }
  getHomeZoom(): number {
    return 1;
  }
  zoomBy(factor: number): void {
    this.zoom *= factor;
  }
  goHome(): void {
    this.zoom = 1;
  }
  pointFromPixel(point: unknown): unknown {
    return point;
  }
}

class FakeViewer extends FakeEvents {
  viewport = new FakeViewport();
  world = { getItemAt: (): FakeEvents | undefined => undefined };
  destroy(): void {}
}

function fakeOpenSeadragon(_options: unknown): FakeViewer {
  return new FakeViewer();
}

export const openSeadragonModule = { default: fakeOpenSeadragon };
