import type { ElementType, ReactNode } from 'react';
import type { Localized } from '../i18n/localize';

/**
 * Text that may be in another language than the visitor's (a fallback): marked with its own `lang`, so
 * screen readers and the font stack (Chinese vs Japanese glyphs) get it right.
 */
export function T({
  value,
  as: Tag = 'span',
  className,
  visitorLang,
}: {
  value: Localized;
  as?: ElementType;
  className?: string;
  visitorLang?: string;
}): ReactNode {
  const lang = value.lang !== visitorLang ? value.lang : undefined;
  return (
    <Tag className={className} lang={lang}>
      {value.text}
    </Tag>
  );
}
