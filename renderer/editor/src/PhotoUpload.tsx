/**
 * Adding the scan of a photograph (issue 14, point 5): a file picker and a drop zone, a progress bar (the
 * bytes sent, then each step of the derivatives the backend reports), the "this is the real photograph"
 * choice (the placeholder mark is removed only when ticked), and the photograph zoomable as the kiosk will
 * show it (its Deep Zoom tiles) once done.
 */
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import {
  EDITOR_TOKEN_HEADER,
  editorApi,
  UPLOAD_STEPS,
  type EditorUploadJob,
} from '../../../main/common/editorApi';
import { editorCalls } from './api';
import { useEditor, type EditorState } from './store';
import './upload.css';
import { ut } from './uploadText';

const ACCEPT = 'image/jpeg,image/png,image/tiff,image/webp,.jpg,.jpeg,.png,.tif,.tiff,.webp';
const TYPE_OK = /\.(jpe?g|png|tiff?|webp)$/i;

type Progress =
  | { phase: 'idle' }
  | { phase: 'sending'; fraction: number }
  | { phase: 'working'; job: EditorUploadJob }
  | { phase: 'done'; job: EditorUploadJob }
  | { phase: 'failed'; message: string };

/** Send the file's bytes as the request body (XHR: fetch reports no upload progress). */
function send(
  token: string,
  photo: string,
  clearPlaceholder: boolean,
  file: File,
  onFraction: (fraction: number) => void,
): Promise<{ status: number; body: EditorUploadJob & { message?: string } }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `${editorApi.upload}?id=${encodeURIComponent(photo)}&clearPlaceholder=${clearPlaceholder ? 1 : 0}`,
    );
    xhr.setRequestHeader(EDITOR_TOKEN_HEADER, token);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onFraction(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: EditorUploadJob & { message?: string };
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = { message: `HTTP ${xhr.status}` } as typeof body;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('The connection to the editor was lost.'));
    xhr.send(file);
  });
}

/** Ask for the job until it has ended; each answer comes when the backend moves to another step. */
async function follow(token: string, first: EditorUploadJob, onJob: (job: EditorUploadJob) => void) {
  let job = first;
  while (job.state === 'working') {
    const response = await fetch(
      `${editorApi.uploadJob}?job=${job.job}&step=${job.step}&state=${job.state}`,
      { headers: { [EDITOR_TOKEN_HEADER]: token } },
    );
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    job = (await response.json()) as EditorUploadJob;
    onJob(job);
  }
  return job;
}

function ZoomPreview({ dzi, display, label }: { dzi?: string; display: string; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const viewer = OpenSeadragon({
      element: element.current,
      tileSources:
        dzi ??
        // A single screen-sized image; @types/openseadragon does not describe the 'image' source's url.
        ({ type: 'image', url: display, buildPyramid: false } as unknown as OpenSeadragon.TileSourceOptions),
      drawer: 'canvas',
      showNavigationControl: false,
      showNavigator: false,
      visibilityRatio: 1,
      constrainDuringPan: true,
      minZoomImageRatio: 1,
      maxZoomPixelRatio: 2,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true, scrollToZoom: true },
    });
    viewer.addOnceHandler('open', () => {
      if (element.current) element.current.dataset.opened = 'true';
    });
    return () => viewer.destroy();
  }, [dzi, display]);
  return (
    <div
      className="upload-zoom"
      ref={element}
      role="img"
      aria-label={label}
      data-testid="upload-zoom"
      data-dzi={dzi ?? ''}
    />
  );
}

export function PhotoUpload() {
  const ui = useEditor((s) => s.ui);
  const token = useEditor((s) => s.token);
  const item = useEditor((s) => s.item);
  const draft = useEditor((s) => s.draft);
  const set = useEditor((s) => s.set);
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });
  const [real, setReal] = useState(false);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const photoId = item?.id;

  useEffect(() => {
    setProgress({ phase: 'idle' });
    setReal(false);
  }, [photoId]);

  if (!item || item.kind !== 'photo' || !token) return null;
  const busy = progress.phase === 'sending' || progress.phase === 'working';
  const isNew = item.revision === '';
  const marked =
    isNew ||
    (typeof draft === 'object' && draft !== null && 'placeholder' in draft && draft.placeholder === true);

  const start = async (file: File) => {
    if (busy) return;
    if (!TYPE_OK.test(file.name) && !/^image\/(jpeg|png|tiff|webp)$/.test(file.type)) {
      setProgress({ phase: 'failed', message: ut(ui, 'uploadNotImage', { name: file.name }) });
      return;
    }
    setProgress({ phase: 'sending', fraction: 0 });
    try {
      const sent = await send(token, item.id, real, file, (fraction) =>
        setProgress({ phase: 'sending', fraction }),
      );
      if (sent.status !== 202) {
        setProgress({ phase: 'failed', message: sent.body.message ?? `HTTP ${sent.status}` });
        return;
      }
      setProgress({ phase: 'working', job: sent.body });
      const job = await follow(token, sent.body, (j) => setProgress({ phase: 'working', job: j }));
      if (job.state === 'failed' || !job.result) {
        setProgress({ phase: 'failed', message: job.message ?? '' });
        return;
      }
      setProgress({ phase: 'done', job });
      // The record on disk now names the new file; edits not yet saved in the form are kept.
      const saved = job.result.item.data as Record<string, unknown>;
      const current = useEditor.getState().draft;
      const mine =
        typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {};
      const merged = { ...mine, file: saved.file, placeholder: saved.placeholder };
      // A photo being made with "New item…" is in the exhibit now (the flag is the item dialog's).
      const after: Partial<Omit<EditorState, 'set'>> & Record<string, unknown> = {
        item: job.result.item,
        draft: JSON.stringify(item.data) === JSON.stringify(mine) ? saved : merged,
        creating: false,
        previewKey: useEditor.getState().previewKey + 1,
      };
      set(after);
      const overview = await editorCalls.overview(token).catch(() => null);
      if (overview) set({ overview });
    } catch (error) {
      setProgress({ phase: 'failed', message: (error as Error).message });
    }
  };

  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void start(file);
  };

  const total = UPLOAD_STEPS.length;
  // The bar: the bytes sent fill the first fifth, each step of the derivatives an equal share of the rest.
  const value =
    progress.phase === 'sending'
      ? progress.fraction * 0.2
      : progress.phase === 'working'
        ? 0.2 + (0.8 * progress.job.done) / total
        : progress.phase === 'done'
          ? 1
          : 0;
  const label =
    progress.phase === 'sending'
      ? ut(ui, 'uploadSending', { percent: Math.round(progress.fraction * 100) })
      : progress.phase === 'working'
        ? `${ut(ui, `step_${progress.job.step}`)} — ${ut(ui, 'uploadStepOf', { n: progress.job.done + 1, total })}`
        : '';
  const result = progress.phase === 'done' ? progress.job.result : undefined;

  return (
    <section className="upload" aria-labelledby="upload-title" data-testid="upload">
      <h3 id="upload-title">{ut(ui, 'uploadTitle')}</h3>
      <p className="muted small">{ut(ui, isNew ? 'uploadNewLead' : 'uploadLead')}</p>
      <div
        className={`dropzone${over ? ' over' : ''}${busy ? ' busy' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <button type="button" disabled={busy} onClick={() => input.current?.click()}>
          {ut(ui, 'uploadChoose')}
        </button>
        <span className="muted">{ut(ui, over ? 'uploadDropActive' : 'uploadDrop')}</span>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          data-testid="upload-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void start(file);
          }}
        />
      </div>
      {marked ? (
        <div className="upload-real">
          <label>
            <input
              type="checkbox"
              checked={real}
              disabled={busy}
              onChange={(e) => setReal(e.target.checked)}
              data-testid="upload-real"
            />{' '}
            {ut(ui, 'uploadReal')}
          </label>
          <p className="muted small">{ut(ui, 'uploadRealHelp')}</p>
        </div>
      ) : null}
      {busy || progress.phase === 'done' ? (
        <div className="upload-progress" data-testid="upload-progress">
          <progress
            max={1}
            value={value}
            aria-label={ut(ui, 'uploadTitle')}
            aria-valuetext={label || undefined}
          />
          <p
            role="status"
            className="small"
            data-testid="upload-step"
            data-step={progress.phase === 'working' ? progress.job.step : progress.phase}
          >
            {label}
          </p>
        </div>
      ) : null}
      {progress.phase === 'failed' ? (
        <p className="notice bad" role="alert" data-testid="upload-failed">
          {ut(ui, 'uploadFailed', { message: progress.message })}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="notice good" role="status" data-testid="upload-done">
            {ut(ui, 'uploadDone', {
              file: result.file,
              width: result.width.toLocaleString(ui),
              height: result.height.toLocaleString(ui),
            })}
          </p>
          {result.placeholder ? (
            <p className="notice plain" data-testid="upload-still-placeholder">
              {ut(ui, 'uploadStillPlaceholder')}
            </p>
          ) : null}
          <ZoomPreview
            {...(result.dzi ? { dzi: result.dzi } : {})}
            display={result.display}
            label={ut(ui, 'uploadZoomLabel')}
          />
        </>
      ) : null}
    </section>
  );
}
