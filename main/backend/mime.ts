/** Content types for the files the kiosk serves. Anything else is served as opaque bytes. */
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.dzi': 'application/xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot === -1 ? '' : fileName.slice(dot).toLowerCase();
  return types[ext] ?? 'application/octet-stream';
}

/**
 * What may be served from the content package (/media/) and its derivatives (/derived/): only the file
 * types the content format uses (docs/content-format.md) — photographs, narration and WebVTT captions —
 * and, from the derivatives, the screen images, thumbnails and Deep Zoom tiles with their descriptor.
 * Anything else in those folders (an HTML page, a script, a stray YAML or Markdown file) is never served:
 * a content package must not be able to put script on the kiosk's origin.
 */
export type ContentArea = 'media' | 'derived';

const CONTENT_TYPES: Record<ContentArea, Record<string, string>> = {
  media: {
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.png': 'image/png',
    '.webp': 'image/webp',
    '.ogg': 'audio/ogg',
    '.mp3': 'audio/mpeg',
    '.m4a': 'audio/mp4',
    '.vtt': 'text/vtt; charset=utf-8',
  },
  derived: {
    '.webp': 'image/webp',
    '.jpeg': 'image/jpeg',
    '.jpg': 'image/jpeg',
    '.png': 'image/png',
    // The Deep Zoom descriptor, read by OpenSeadragon with fetch; written by the kiosk, not the package.
    '.dzi': 'application/xml; charset=utf-8',
  },
};

/** The content type to serve a content file with, or null when the format does not use its kind. */
export function contentFileType(area: ContentArea, fileName: string): string | null {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  return CONTENT_TYPES[area][base.slice(dot).toLowerCase()] ?? null;
}

/** The policy for every content file: not a document, so it may load and run nothing at all. */
export const CONTENT_FILE_POLICY = "default-src 'none'";
