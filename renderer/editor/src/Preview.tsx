/**
 * The live preview: the real kiosk renderer, served by the same backend, in a frame beside the form,
 * landscape or portrait at the kiosk's real size scaled down. It reloads after every save (the backend has
 * reloaded the content before the save answers).
 */
import { useEditor } from './store';
import { t } from './text';

const SIZES = { landscape: { w: 1920, h: 1080 }, portrait: { w: 1080, h: 1920 } } as const;

export function Preview() {
  const ui = useEditor((s) => s.ui);
  const orientation = useEditor((s) => s.orientation);
  const previewKey = useEditor((s) => s.previewKey);
  const set = useEditor((s) => s.set);
  const size = SIZES[orientation];
  const width = orientation === 'landscape' ? 440 : 300;
  const scale = width / size.w;
  return (
    <aside className="preview" aria-label={t(ui, 'preview')}>
      <div className="preview-head">
        <h2>{t(ui, 'preview')}</h2>
        <div role="group" aria-label={t(ui, 'preview')}>
          {(['landscape', 'portrait'] as const).map((o) => (
            <button
              key={o}
              type="button"
              aria-pressed={orientation === o}
              onClick={() => set({ orientation: o })}
            >
              {t(ui, o)}
            </button>
          ))}
          <button type="button" onClick={() => set({ previewKey: previewKey + 1 })}>
            {t(ui, 'reloadPreview')}
          </button>
        </div>
      </div>
      <p className="muted small">{t(ui, 'previewNote')}</p>
      <div className="preview-frame" style={{ width, height: size.h * scale }}>
        <iframe
          key={`${previewKey}-${orientation}`}
          title={t(ui, 'preview')}
          src="/"
          data-testid="preview"
          data-generation={previewKey}
          style={{ width: size.w, height: size.h, transform: `scale(${scale})` }}
        />
      </div>
    </aside>
  );
}
