/**
 * timeline.yaml: one file listing every event. Each event is checked on its own: a broken event is left
 * out, the others stay.
 */
import { z } from 'zod';
import type { HistoricalDate, TimelineEvent } from '../../common/exhibit';
import { byLanguage } from '../contentNotes';
import { formatField } from '../problems';
import { draftsSchema, timelineEventSchema } from '../schema';
import { validateWithSchema } from '../validate';
import { prefixed, type FileContext, type LoadContext } from './context';
import { itemFailure, readText } from './files';
import { collectDrafts, historicalDate, localizedFields } from './languages';
import { relatedSites } from './references';
import { parseYamlFile } from './yaml';

export async function loadTimeline(
  pkg: LoadContext,
): Promise<{ timeline: TimelineEvent[]; exists: boolean }> {
  const timeline: TimelineEvent[] = [];
  const text = await readText(pkg, 'timeline.yaml');
  if (text === null) return { timeline, exists: false };
  const outer = z.strictObject({ events: z.array(z.unknown()), drafts: draftsSchema });
  const { value, ctx } = parseYamlFile(pkg, text, 'timeline.yaml', outer);
  if (value) {
    collectDrafts(pkg, value.drafts, ctx);
    const firstLine = new Map<string, number | undefined>();
    value.events.forEach((raw, i) => {
      try {
        const id =
          typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string'
            ? raw.id
            : undefined;
        if (id) pkg.known.timeline.add(id);
        const eventCtx: FileContext = { file: 'timeline.yaml', ...prefixed(ctx, ['events', i]) };
        const result = validateWithSchema(timelineEventSchema, raw, 'timeline.yaml', eventCtx);
        for (const p of result.problems)
          pkg.problems.push({ ...p, field: formatField(['events', i, ...(p.field ? [p.field] : [])]) });
        const event = result.value;
        if (!event) return;
        if (firstLine.has(event.id)) {
          const line = firstLine.get(event.id);
          pkg.report(
            'error',
            ctx,
            ['events', i, 'id'],
            'duplicate-id',
            `the id "${event.id}" is already used by another event${line ? ` (line ${line})` : ''}; this event is left out`,
          );
          return;
        }
        firstLine.set(event.id, ctx.locate(['events', i, 'id'])?.line);
        const { ok, texts } = localizedFields(
          pkg,
          event,
          ctx,
          ['title', 'text'] as const,
          ['dateNote', 'contentNote'] as const,
          ['events', i],
        );
        if (!ok) return;
        const resolved: TimelineEvent = {
          id: event.id,
          date: historicalDate(event.date, event.approximate, texts.dateNote) as HistoricalDate,
          title: texts.title ?? {},
          text: texts.text ?? {},
          remembrance: event.remembrance,
          related: { stories: [], people: [], diary: [], photos: [], timeline: [] },
          sources: [...event.sources],
        };
        if (texts.contentNote) resolved.contentNote = texts.contentNote;
        pkg.noteChecks.push({
          ctx,
          fieldPath: ['events', i, 'text'],
          texts: byLanguage(texts.title, texts.text),
          hasNote: texts.contentNote !== undefined,
        });
        relatedSites(pkg, event.related, resolved.related, ctx, ['events', i, 'related']);
        timeline.push(resolved);
      } catch (error) {
        pkg.problems.push({ ...itemFailure('timeline.yaml', error), field: `events[${i + 1}]` });
      }
    });
  }
  return { timeline, exists: true };
}
