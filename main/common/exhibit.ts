/**
 * The exhibit as the kiosk serves it to the renderer (`GET /api/exhibit`).
 *
 * This is the *resolved* form: the loader in `main/content/` has read the package, validated every file
 * against the schema, left out what is invalid, parsed Markdown into blocks (so the renderer never sees raw
 * Markdown or HTML), and attached the URLs of the image derivatives. Pure types: imported by the shell, the
 * preview server, the CLI and the renderer alike.
 */

/** A BCP 47 language tag listed in the exhibit (`zh-Hans`, `en`, `ja`, `id`, …). */
export type Lang = string;

/** Text per language. The default language is always present; others may be missing (fall back). */
export type LocalizedText = Partial<Record<Lang, string>>;

/** A date as the content writes it: `1937`, `1937-12` or `1937-12-13`. */
export interface HistoricalDate {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  iso: string;
  precision: 'year' | 'month' | 'day';
  approximate: boolean;
  note?: LocalizedText;
}

export type SectionId = 'stories' | 'diary' | 'photos' | 'people' | 'timeline';

export interface SectionText {
  title?: LocalizedText;
  hint?: LocalizedText;
}

export interface RelatedIds {
  stories: string[];
  people: string[];
  diary: string[];
  photos: string[];
  timeline: string[];
}

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'break' };

export type StoryBlock =
  | { type: 'heading'; level: 2 | 3; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'quote'; children: StoryBlock[] }
  | { type: 'list'; ordered: boolean; items: StoryBlock[][] }
  | { type: 'photo'; photoId: string };

/** One language version of a story. */
export interface StoryText {
  title: string;
  summary: string;
  contentNote?: string;
  draft: boolean;
  blocks: StoryBlock[];
}

export interface Story {
  id: string;
  order: number;
  cover?: string;
  related: RelatedIds;
  sources: string[];
  /** Per language; the default language is always present. */
  text: Partial<Record<Lang, StoryText>>;
}

export interface Photo {
  id: string;
  /** URL of the original file (served from /media/). */
  original: string;
  /** URL of a small thumbnail (≈ 480 px on the long side). */
  thumbnail: string;
  /** URL of a screen-sized image (≈ 2560 px on the long side, never larger than the original). */
  display: string;
  /** URL of the Deep Zoom descriptor (`.dzi`) when the image is larger than the screen. */
  dzi?: string;
  width: number;
  height: number;
  placeholder: boolean;
  caption: LocalizedText;
  alt: LocalizedText;
  credit: LocalizedText;
  rights: LocalizedText;
  source: string;
  date?: HistoricalDate;
  place?: LocalizedText;
  people: string[];
  contentNote?: LocalizedText;
  graphic: boolean;
  drafts: Lang[];
}

export interface Narration {
  /** URL of the audio file. */
  audio: string;
  /** URL of the WebVTT captions for the spoken language. */
  captions?: string;
  placeholder: boolean;
}

/** Where an excerpt's wording comes from when it is not the author's own text, checked. */
export interface QuotedIn {
  /** The work whose wording the excerpt gives, as cited. */
  source: string;
  /** The language of that wording; a translation when it differs from the entry's `originalLanguage`. */
  language: Lang;
}

export interface DiaryEntry {
  id: string;
  kind: 'diaryEntry' | 'remark';
  author: string;
  date?: HistoricalDate;
  place?: LocalizedText;
  source: string;
  originalLanguage: Lang;
  /** The author's own text in `originalLanguage`, checked against the original. */
  original?: string;
  /** Set when the wording is as another work quotes it: never presented as the original. */
  quotedIn?: QuotedIn;
  text: LocalizedText;
  /** Narration per spoken language. */
  narration: Partial<Record<Lang, Narration>>;
  /** Captions in a visitor's language for a narration spoken in another language. */
  captions: Partial<Record<Lang, { narration: Lang; url: string }>>;
  facsimile?: string;
  contentNote?: LocalizedText;
  drafts: Lang[];
}

export interface Person {
  id: string;
  name: LocalizedText;
  role: LocalizedText;
  nationality: LocalizedText;
  born?: string;
  died?: string;
  biography: LocalizedText;
  portrait?: string;
  /** Shown before the biography. */
  contentNote?: LocalizedText;
  sources: string[];
  drafts: Lang[];
}

export interface TimelineEvent {
  id: string;
  date: HistoricalDate;
  title: LocalizedText;
  text: LocalizedText;
  remembrance: boolean;
  /** Shown before the event's text. */
  contentNote?: LocalizedText;
  related: RelatedIds;
  sources: string[];
}

export interface Exhibit {
  id: string;
  version: string;
  defaultLanguage: Lang;
  languages: Lang[];
  title: LocalizedText;
  subtitle: LocalizedText;
  introduction?: LocalizedText;
  contentNote?: LocalizedText;
  credits?: LocalizedText;
  attract: { photos: string[]; tagline: LocalizedText; slideSeconds: number };
  sections: SectionId[];
  /** This exhibit's own title and hint per section; the kiosk's generic words where absent. */
  sectionText?: Partial<Record<SectionId, SectionText>>;
  stories: Story[];
  photos: Photo[];
  diary: DiaryEntry[];
  people: Person[];
  /** In date order. */
  timeline: TimelineEvent[];
  drafts: Lang[];
}

/** What `GET /api/exhibit` answers. */
export type ExhibitResponse =
  | { status: 'ok'; exhibit: Exhibit; loadedAt: string; problems: number }
  | { status: 'unavailable'; reason: string };
