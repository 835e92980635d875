/**
 * The content package format as zod schemas: exactly `docs/content-format.md`. These check the *shape* of
 * each file; the loader (`load/`) checks what a schema cannot see (languages, references, files on disk).
 *
 * Schemas are kept free of transforms so `npm run content:schema` can export them as JSON Schema for the
 * editor. Every format check carries a plain-English message: these are what curators read.
 */
import { z } from 'zod';

export const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export const idSchema = z
  .string()
  .regex(KEBAB_CASE, {
    error: 'an id uses only lowercase letters a–z, digits and single hyphens, like "john-rabe"',
  })
  .describe('An id: lowercase letters, digits and single hyphens (kebab-case), e.g. "john-rabe".');

export const languageTagSchema = z
  .string()
  .min(1)
  .describe('A BCP 47 language tag, e.g. "en", "zh-Hans", "ja", "id".');

export const localizedTextSchema = z
  .record(z.string(), z.string())
  .describe('Text per language: one line per language tag, e.g. "en: A group photo …".');

const isRealDate = (value: string): boolean => {
  const [y, m, d] = value.split('-').map(Number);
  if (d === undefined || y === undefined || m === undefined) return true;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};

export const dateSchema = z
  .union([
    z
      .string()
      .regex(DATE_PATTERN, {
        error: 'expected a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD", like "1937-12-13"',
      })
      .refine(isRealDate, { error: 'this day does not exist in that month' }),
    z.int().min(1).max(9999),
  ])
  .describe('A date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (in quotes); a bare year like 1941 is accepted.')
  // The editor shows it as a date with its precision (renderer/editor/src/DateField.tsx).
  .meta({ 'x-field': 'date' });

export const sourcesSchema = z
  .array(z.string().min(1))
  .min(1)
  .describe('Citations: a list of plain strings. At least one.');

export const draftsSchema = z
  .array(languageTagSchema)
  .default([])
  .describe("Languages whose translation still needs a curator's review, e.g. [ja, id].");

/** Why a file reference is unsafe, or null when it is a plain relative path. Pure. */
export function unsafeReferenceReason(value: string): string | null {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains an invisible control character';
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value))
    return 'is a web address (URL); the kiosk is offline, name a file in the package instead';
  if (value.includes('\\')) return 'contains a backslash (\\); use forward slashes (/)';
  if (value.startsWith('/') || /^[a-z]:/i.test(value))
    return 'is an absolute path; write it relative to the package, like "audio/voice.ogg"';
  if (/%[0-9a-f]{2}/i.test(value)) return 'contains percent-encoding (like %2e); write the file name plainly';
  const segments = value.split('/');
  if (segments.includes('..')) return 'goes up a folder with ".."; files must be inside the package';
  if (segments.some((s) => s === '' || s === '.'))
    return 'has an empty or "." part (like "a//b" or "./a"); write the plain path';
  if (segments.some((s) => s.startsWith('.')))
    return 'names a hidden file (starting with "."), which the kiosk does not serve';
  return null;
}

const fileReference = (what: string, extensions: readonly string[]) =>
  z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const reason = unsafeReferenceReason(value);
      if (reason) {
        ctx.addIssue({
          code: 'custom',
          message: `the file reference "${value}" ${reason}`,
          params: { code: 'unsafe-file-reference' },
        });
        return;
      }
      const ext = value.toLowerCase().split('.').pop() ?? '';
      if (!value.includes('.') || !extensions.includes(ext))
        ctx.addIssue({
          code: 'custom',
          message: `${what} must be a ${extensions.map((e) => `.${e}`).join(', ')} file; found "${value}"`,
          params: { code: 'wrong-file-type' },
        });
    });

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'] as const;
export const AUDIO_EXTENSIONS = ['ogg', 'opus', 'mp3', 'm4a'] as const;

const relatedSchema = z
  .strictObject({
    stories: z.array(idSchema).default([]),
    people: z.array(idSchema).default([]),
    diary: z.array(idSchema).default([]),
    photos: z.array(idSchema).default([]),
    timeline: z.array(idSchema).default([]),
  })
  .describe('Ids of related items, grouped by kind: stories, people, diary, photos, timeline.');

const unique = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .refine((list) => new Set(list).size === list.length, { error: `the same ${what} is listed twice` });

export const SECTION_IDS = ['stories', 'diary', 'photos', 'people', 'timeline'] as const;

const sectionTextSchema = z
  .strictObject({
    title: localizedTextSchema
      .optional()
      .describe("The section's name on the home screen and its list screen (default: the kiosk's own word)."),
    hint: localizedTextSchema
      .optional()
      .describe(
        'The line under the name on the home screen; it must be true of everything the section shows.',
      ),
  })
  .describe("This exhibit's own title and hint for one home section.");

const sectionTextsSchema = z
  .strictObject({
    stories: sectionTextSchema.optional(),
    diary: sectionTextSchema.optional(),
    photos: sectionTextSchema.optional(),
    people: sectionTextSchema.optional(),
    timeline: sectionTextSchema.optional(),
  })
  .describe(
    "Optional, per section: this exhibit's own title and hint. Without them the kiosk shows generic words that fit any exhibit.",
  );

export const exhibitSchema = z
  .strictObject({
    id: idSchema,
    version: z
      .union([z.string().min(1), z.number()])
      .describe('Bump this whenever the content changes, e.g. 1.0.1.'),
    defaultLanguage: languageTagSchema.describe('The language every text must have; one of `languages`.'),
    languages: unique(languageTagSchema, 'language')
      .min(1)
      .describe('Languages in the order of the language chooser.'),
    title: localizedTextSchema,
    subtitle: localizedTextSchema,
    attract: z.strictObject({
      photos: unique(idSchema, 'photo')
        .min(1)
        .describe('Photo ids shown in turn while nobody is using the kiosk.'),
      tagline: localizedTextSchema,
      slideSeconds: z
        .number()
        .min(6)
        .max(60)
        .default(12)
        .describe('Seconds each attract photo is shown (6–60).'),
    }),
    sections: unique(z.enum(SECTION_IDS), 'section').min(1).describe('Home screen sections, in order.'),
    sectionText: sectionTextsSchema.optional(),
    contentNote: localizedTextSchema.optional(),
    introduction: localizedTextSchema.optional(),
    credits: localizedTextSchema.optional(),
    drafts: draftsSchema,
  })
  .describe('exhibit.yaml: the exhibit title, languages, attract loop and home sections.');

export const storyFrontMatterSchema = z
  .strictObject({
    title: z.string().min(1),
    summary: z.string().min(1).describe('One sentence, shown in the story list.'),
    cover: idSchema.optional().describe('Photo id of the cover (read from the default-language file).'),
    contentNote: z.string().min(1).optional(),
    order: z.number().optional().describe('Position in the story list (default: by id).'),
    related: relatedSchema.optional(),
    sources: sourcesSchema.optional().describe('Citations (required in the default-language file).'),
    draft: z.boolean().default(false).describe("true: this translation awaits a curator's review."),
  })
  .describe('The front matter (between --- lines) of stories/<id>/<lang>.md.');

export const photoSchema = z
  .strictObject({
    file: fileReference('the image', IMAGE_EXTENSIONS).describe(
      'The image file, beside this .yaml file (jpg, jpeg, png or webp).',
    ),
    placeholder: z
      .boolean()
      .default(false)
      .describe('true: a generated stand-in, not the historical photograph.'),
    caption: localizedTextSchema,
    alt: localizedTextSchema.describe('What the image shows, for screen readers.'),
    credit: localizedTextSchema.describe('Who holds the original.'),
    rights: localizedTextSchema.describe('Usage status.'),
    source: z.string().min(1).describe('Where the original is published.'),
    date: dateSchema.optional(),
    approximate: z.boolean().default(false),
    dateNote: localizedTextSchema.optional(),
    place: localizedTextSchema.optional(),
    people: z.array(idSchema).default([]).describe('Person ids of people shown.'),
    contentNote: localizedTextSchema.optional(),
    graphic: z.boolean().default(false).describe('true: blurred until the visitor chooses to see it.'),
    drafts: draftsSchema,
  })
  .describe('photos/<id>.yaml: metadata of one photograph.');

const narrationSchema = z.strictObject({
  audio: fileReference('narration audio', AUDIO_EXTENSIONS),
  captions: fileReference('captions', ['vtt']).optional(),
  placeholder: z
    .boolean()
    .default(false)
    .describe('true: a synthetic voice, to be replaced by a recorded reader.'),
});

const quotedInSchema = z
  .strictObject({
    source: z.string().min(1).describe('The work whose wording the excerpt gives, as it is cited.'),
    language: languageTagSchema.describe(
      'The language of the wording in that work. When it differs from originalLanguage, the quoted wording is itself a translation.',
    ),
  })
  .describe(
    'The excerpt\'s wording is as another work quotes it, not checked against the author\'s own text: the kiosk says "as quoted in …" and never calls it the original.',
  );

export const diarySchema = z
  .strictObject({
    kind: z.enum(['diaryEntry', 'remark']).default('diaryEntry'),
    author: idSchema.describe('Person id.'),
    date: dateSchema.optional(),
    approximate: z.boolean().default(false),
    dateNote: localizedTextSchema.optional(),
    place: localizedTextSchema.optional(),
    source: z.string().min(1),
    originalLanguage: languageTagSchema.describe('The language the author wrote in (any BCP 47 tag).'),
    original: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The author's own text, in originalLanguage, checked against the original document. Never the wording another work quotes.",
      ),
    quotedIn: quotedInSchema.optional(),
    text: localizedTextSchema,
    narration: z.record(z.string(), narrationSchema).default({}).describe('Narration per spoken language.'),
    captions: z
      .record(
        z.string(),
        z.strictObject({ narration: languageTagSchema, file: fileReference('captions', ['vtt']) }),
      )
      .default({})
      .describe('Captions in other languages for an existing narration.'),
    facsimile: idSchema.optional().describe('Photo id of the diary page.'),
    contentNote: localizedTextSchema.optional(),
    drafts: draftsSchema,
  })
  .describe('diary/<id>.yaml: a diary excerpt or remembered words.');

export const personSchema = z
  .strictObject({
    name: localizedTextSchema,
    role: localizedTextSchema,
    nationality: localizedTextSchema,
    born: dateSchema.optional(),
    died: dateSchema.optional(),
    biography: localizedTextSchema.describe('A few sentences; a blank line starts a new paragraph.'),
    portrait: idSchema.optional().describe('Photo id.'),
    contentNote: localizedTextSchema
      .optional()
      .describe('Shown before the biography, when it describes violence.'),
    sources: sourcesSchema,
    drafts: draftsSchema,
  })
  .describe('people/<id>.yaml: a person named in the exhibit.');

export const timelineEventSchema = z.strictObject({
  id: idSchema,
  date: dateSchema,
  approximate: z.boolean().default(false),
  dateNote: localizedTextSchema.optional(),
  title: localizedTextSchema,
  text: localizedTextSchema,
  remembrance: z.boolean().default(false).describe('true for later acts of remembrance.'),
  contentNote: localizedTextSchema
    .optional()
    .describe("Shown before the event's text, when it describes violence."),
  related: relatedSchema.optional(),
  sources: sourcesSchema,
});

export const timelineSchema = z
  .strictObject({
    events: z.array(timelineEventSchema),
    drafts: draftsSchema,
  })
  .describe('timeline.yaml: dated events.');

/** One language's list in content-notes.yaml. */
const violenceWordListSchema = z.strictObject({
  words: z
    .array(z.string().min(1))
    .min(1)
    .describe(
      'Words that mark a text as describing violence. Chinese and Japanese words are found anywhere in a text; other words at the start of a word ("kill" finds "killed", not "skill").',
    ),
  skip: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Names that contain such a word but do not by themselves describe violence (e.g. "Nanjing Massacre"); they are left out before the words are looked for.',
    ),
});

export const contentNotesSchema = z
  .record(z.string(), violenceWordListSchema)
  .describe(
    'content-notes.yaml (optional): per language, the words that mark a text as describing violence. The checker warns about an item whose text has one of them but that carries no contentNote.',
  );

export type ExhibitFile = z.output<typeof exhibitSchema>;
export type StoryFrontMatter = z.output<typeof storyFrontMatterSchema>;
export type PhotoFile = z.output<typeof photoSchema>;
export type DiaryFile = z.output<typeof diarySchema>;
export type PersonFile = z.output<typeof personSchema>;
export type TimelineFile = z.output<typeof timelineSchema>;
export type TimelineEventFile = z.output<typeof timelineEventSchema>;
export type RelatedFile = z.output<typeof relatedSchema>;
export type DateValue = z.output<typeof dateSchema>;
export type ContentNotesFile = z.output<typeof contentNotesSchema>;

/** The schemas `npm run content:schema` exports, by JSON Schema file name. */
export const schemasForExport = {
  exhibit: exhibitSchema,
  story: storyFrontMatterSchema,
  photo: photoSchema,
  diary: diarySchema,
  person: personSchema,
  timeline: timelineSchema,
  'content-notes': contentNotesSchema,
} as const;
