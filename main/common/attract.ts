/**
 * The attract loop's part of the exhibit (`GET /api/attract`, issue 13): what the first screen a visitor
 * sees needs, and nothing else — the title, subtitle and tagline, the languages for "touch to begin", and
 * the attract photographs' screen images with their credits. About 2 KB where the whole exhibit is about
 * 170 KB of JSON, so the attract loop shows before the rest is fetched and parsed. The renderer fetches the
 * whole exhibit once the attract loop has painted, and from then on derives this slice from it with the
 * same function, so the two can never disagree.
 */
import type { Exhibit, ExhibitResponse, LocalizedText, Photo } from './exhibit';

/** An attract photograph: only what the attract loop shows of it. */
export type AttractPhoto = Pick<Photo, 'id' | 'display' | 'placeholder' | 'credit'>;

export type AttractSlice = Pick<
  Exhibit,
  'id' | 'version' | 'defaultLanguage' | 'languages' | 'title' | 'subtitle'
> & {
  tagline: LocalizedText;
  slideSeconds: number;
  /** In the exhibit's order; photographs the exhibit lists but does not have are left out. */
  photos: AttractPhoto[];
};

/** What `GET /api/attract` answers: the slice, or why the exhibit is unavailable (as /api/exhibit says). */
export type AttractResponse =
  { status: 'ok'; attract: AttractSlice; loadedAt: string } | { status: 'unavailable'; reason: string };

export function attractSlice(exhibit: Exhibit): AttractSlice {
  const photos = new Map(exhibit.photos.map((p) => [p.id, p]));
  return {
    id: exhibit.id,
    version: exhibit.version,
    defaultLanguage: exhibit.defaultLanguage,
    languages: exhibit.languages,
    title: exhibit.title,
    subtitle: exhibit.subtitle,
    tagline: exhibit.attract.tagline,
    slideSeconds: exhibit.attract.slideSeconds,
    photos: exhibit.attract.photos.flatMap((id) => {
      const photo = photos.get(id);
      return photo
        ? [{ id: photo.id, display: photo.display, placeholder: photo.placeholder, credit: photo.credit }]
        : [];
    }),
  };
}

/** `slice` is `attractSlice`, or a remembering one (the backend makes each exhibit's slice once). */
export function attractResponse(
  response: ExhibitResponse,
  slice: (exhibit: Exhibit) => AttractSlice = attractSlice,
): AttractResponse {
  return response.status === 'ok'
    ? { status: 'ok', attract: slice(response.exhibit), loadedAt: response.loadedAt }
    : response;
}
