/**
 * Reads from the page what the audio guide needs to say about the element that has focus (spoken.ts
 * decides the words): its kind, accessible name and the language it is written in.
 */
import type { FocusInfo, Said } from './spoken';

/** The element's own language; the page's (<html lang>) is the visitor's, which may be a moment behind. */
function langOf(element: Element, fallback: string): string {
  const holder = element.closest('[lang]');
  if (!holder || holder === document.documentElement) return fallback;
  return holder.getAttribute('lang') || fallback;
}

function textOf(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name as the kiosk's own controls give it: aria-label, aria-labelledby, else the text. */
function nameOf(element: HTMLElement): string {
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => textOf(document.getElementById(id)))
      .join(' ');
  }
  const image = element.querySelector('img[alt]');
  const text = textOf(element);
  return text || image?.getAttribute('alt') || '';
}

export function focusInfo(element: HTMLElement, visitorLang: string): FocusInfo | null {
  const lang = langOf(element, visitorLang);
  const note = element.closest('[data-testid="content-note"]');
  if (note && /^H[1-6]$/.test(element.tagName)) {
    const noteText = note.querySelector('.content-note-text');
    return {
      kind: 'note',
      lang,
      heading: textOf(element),
      subject: textOf(note.querySelector('.content-note-subject')) || null,
      note: { text: textOf(noteText), lang: noteText ? langOf(noteText, lang) : lang },
    };
  }
  const image = element.querySelector('img[alt]');
  const figure = element.closest('figure');
  if (image && (figure || element.matches('.photo-figure-button, [data-photo]'))) {
    const caption = figure?.querySelector('figcaption');
    const captionText = caption?.firstElementChild ?? caption;
    const captionSaid: Said | null = captionText
      ? { text: textOf(captionText), lang: langOf(captionText, lang) }
      : null;
    return {
      kind: 'photo',
      lang,
      alt: { text: image.getAttribute('alt') ?? '', lang: langOf(image, lang) },
      caption: captionSaid,
    };
  }
  if (element.matches('button, [role="button"]')) {
    return {
      kind: 'button',
      name: nameOf(element),
      lang,
      disabled: element.matches(':disabled, [aria-disabled="true"]'),
    };
  }
  if (element.matches('a[href]')) return { kind: 'link', name: nameOf(element), lang, disabled: false };
  if (/^H[1-6]$/.test(element.tagName)) return { kind: 'heading', name: textOf(element), lang };
  if (element.getAttribute('role') === 'dialog') return { kind: 'heading', name: nameOf(element), lang };
  const text = textOf(element);
  return text ? { kind: 'text', name: text, lang } : null;
}
