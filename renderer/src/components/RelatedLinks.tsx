import type { ReactNode } from 'react';
import type { RelatedIds } from '../../../main/common/exhibit';
import { useExhibit } from '../data/exhibitStore';
import { formatHistoricalDate } from '../i18n/localize';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';

type Link = { key: string; kind: string; label: string; labelLang?: string; open(): void };

/** Links to the stories, people, diary entries, photographs and events an item names. */
export function RelatedLinks({
  related,
  title,
}: {
  related: Partial<RelatedIds>;
  title?: string;
}): ReactNode {
  const { t, l, lang } = useLang();
  const index = useExhibit((s) => s.index);
  const go = useVisit((s) => s.go);
  const openViewer = useVisit((s) => s.openViewer);
  if (!index) return null;
  const links: Link[] = [];
  for (const id of related.stories ?? []) {
    const story = index.stories.get(id);
    const text = story?.text[lang] ?? (story ? Object.values(story.text)[0] : undefined);
    if (story && text)
      links.push({
        key: `s:${id}`,
        kind: t.sectionStories,
        label: text.title,
        open: () => go({ screen: 'story', id }),
      });
  }
  for (const id of related.people ?? []) {
    const person = index.people.get(id);
    if (person) {
      const name = l(person.name);
      links.push({
        key: `p:${id}`,
        kind: t.sectionPeople,
        label: name.text,
        labelLang: name.lang,
        open: () => go({ screen: 'person', id }),
      });
    }
  }
  for (const id of related.diary ?? []) {
    const entry = index.diary.get(id);
    if (entry) {
      const author = index.people.get(entry.author);
      const label = [
        author ? l(author.name).text : '',
        entry.date ? formatHistoricalDate(entry.date, lang) : '',
      ]
        .filter(Boolean)
        .join(', ');
      links.push({
        key: `d:${id}`,
        kind: t.sectionDiary,
        label,
        open: () => go({ screen: 'diaryEntry', id }),
      });
    }
  }
  const photoIds = (related.photos ?? []).filter((id) => index.photos.has(id));
  photoIds.forEach((id, i) => {
    const photo = index.photos.get(id);
    if (photo) {
      const caption = l(photo.caption);
      links.push({
        key: `ph:${id}`,
        kind: t.sectionPhotos,
        label: caption.text,
        labelLang: caption.lang,
        open: () => openViewer(photoIds, i),
      });
    }
  });
  for (const id of related.timeline ?? []) {
    const event = index.timeline.get(id);
    if (event) {
      const title = l(event.title);
      links.push({
        key: `t:${id}`,
        kind: `${t.sectionTimeline} · ${formatHistoricalDate(event.date, lang)}`,
        label: title.text,
        labelLang: title.lang,
        open: () => go({ screen: 'timeline', focus: id }),
      });
    }
  }
  if (links.length === 0) return null;
  return (
    <section className="related" aria-label={title ?? t.related}>
      <h2>{title ?? t.related}</h2>
      <ul className="related-list">
        {links.map((link) => (
          <li key={link.key}>
            <button type="button" className="related-link" onClick={link.open}>
              <span className="related-kind">{link.kind}</span>
              <span className="related-label" lang={link.labelLang !== lang ? link.labelLang : undefined}>
                {link.label}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
