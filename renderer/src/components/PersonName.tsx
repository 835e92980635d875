import { Fragment, type ElementType, type ReactNode } from 'react';
import type { Localized } from '../i18n/localize';
import { nameParts } from '../i18n/nameParts';

/** A person's name that wraps only between its parts (after a middle dot), marked with its own language. */
export function PersonName({
  value,
  visitorLang,
  as: Tag = 'span',
  className,
}: {
  value: Localized;
  visitorLang: string;
  as?: ElementType;
  className?: string;
}): ReactNode {
  const parts = nameParts(value.text);
  return (
    <Tag className={className} lang={value.lang !== visitorLang ? value.lang : undefined}>
      {parts.length > 1
        ? parts.map((part, i) => (
            <Fragment key={i}>
              {i > 0 ? <wbr /> : null}
              <span className="name-part">{part}</span>
            </Fragment>
          ))
        : value.text}
    </Tag>
  );
}
