import type { ReactNode } from 'react';
import { useExhibit } from '../data/exhibitStore';
import { lifeDates } from '../i18n/localize';
import { useLang } from '../i18n/useLang';
import { useVisit } from '../session/visitStore';
import { PersonName } from '../components/PersonName';
import { SectionTitle } from '../components/SectionTitle';

export function PeopleList(): ReactNode {
  const { l, lang } = useLang();
  const people = useExhibit((s) => s.exhibit?.people) ?? [];
  const photos = useExhibit((s) => s.index?.photos);
  const go = useVisit((s) => s.go);
  return (
    <section className="screen list-screen" data-testid="screen-people">
      <SectionTitle section="people" />
      <ul className="people-grid">
        {people.map((person) => {
          const name = l(person.name);
          const role = l(person.role);
          const portrait = person.portrait ? photos?.get(person.portrait) : undefined;
          return (
            <li key={person.id}>
              <button
                type="button"
                className="person-card"
                onClick={() => go({ screen: 'person', id: person.id })}
                data-testid={`person-${person.id}`}
              >
                {portrait ? (
                  <img src={portrait.thumbnail} alt="" className="person-card-image" draggable={false} />
                ) : (
                  <span className="person-card-image initials" aria-hidden="true">
                    {name.text.slice(0, 1)}
                  </span>
                )}
                <span className="person-card-text">
                  <PersonName className="person-card-name" value={name} visitorLang={lang} />
                  <span className="person-card-role" lang={role.lang !== lang ? role.lang : undefined}>
                    {role.text}
                  </span>
                  <span className="person-card-dates">{lifeDates(person.born, person.died)}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
