/** Choosing another item (a cover photograph, a person shown, an author): names and thumbnails, searched. */
import { useEffect, useRef, useState } from 'react';
import { matchesSearch, type ItemKind, type ItemSummary } from '../../../main/common/editorApi';
import { t, type UiLang } from './text';

export function Picker(props: {
  kind: ItemKind;
  ui: UiLang;
  items: ItemSummary[];
  exclude: string[];
  onChoose(id: string): void;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const candidates = props.items.filter(
    (i) => i.kind === props.kind && !props.exclude.includes(i.id) && matchesSearch(i, query),
  );
  const kindName = t(props.ui, `kind_${props.kind}`);
  return (
    <dialog
      ref={dialog}
      className="picker"
      onClose={props.onClose}
      aria-label={t(props.ui, 'pickerTitle', { kind: kindName })}
    >
      <h2>{t(props.ui, 'pickerTitle', { kind: kindName })}</h2>
      <input
        type="search"
        autoFocus
        value={query}
        placeholder={t(props.ui, 'search')}
        aria-label={t(props.ui, 'search')}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="picker-list">
        {candidates.map((item) => (
          <li key={item.id}>
            <button type="button" data-testid={`pick-${item.id}`} onClick={() => props.onChoose(item.id)}>
              {item.thumbnail ? <img src={item.thumbnail} alt="" /> : <span className="no-thumb" />}
              <span>
                <span className="item-badge-title">
                  {item.title.en ?? Object.values(item.title)[0] ?? item.id}
                </span>
                <span className="item-badge-id">{item.id}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t(props.ui, 'cancel')}
        </button>
      </div>
    </dialog>
  );
}
