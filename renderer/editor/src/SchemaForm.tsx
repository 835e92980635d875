/**
 * A form made from the one schema: every field, its help (the schema's description; its Chinese in
 * fieldHelp.ts) and its choices come from the JSON Schema the backend sends, so a field added to the schema
 * appears here with no editor code.
 * Fields that name other items are chosen from a picker with names and thumbnails; text per language is
 * shown language by language, or the source beside the target when translating.
 */
import { useId, useState, type ReactNode } from 'react';
import type { FieldProblem, ItemKind, ItemSummary } from '../../../main/common/editorApi';
import {
  emptyValue,
  fieldId,
  getAt,
  problemsAt,
  referenceKind,
  shapeOf,
  type Path,
  type SchemaNode,
} from './formModel';
import { languageName, t, type UiLang } from './text';
import { Picker } from './Picker';
import { DateInputs } from './DateField';
import { FIELD_LABELS_ZH } from './fieldLabels';
import { helpOf } from './fieldHelp';

export interface FormContext {
  kind: ItemKind;
  ui: UiLang;
  languages: string[];
  /** How many leading path segments to skip when looking up references (a story's language). */
  refOffset: number;
  translate: { source: string; target: string } | null;
  problems: FieldProblem[];
  items: ItemSummary[];
  readOnly(path: Path): boolean;
  change(path: Path, value: unknown): void;
  root: unknown;
}

/** `contentNote` → "Content note"; `idleSeconds` → "Idle seconds". */
/** A field's label: its Chinese name in Chinese (fieldLabels.ts), else made from the schema's name. */
export function labelOf(key: string | number, ui: UiLang = 'en'): string {
  if (typeof key === 'number') return `${key + 1}`;
  const chinese = ui === 'zh-Hans' ? FIELD_LABELS_ZH[key] : undefined;
  if (chinese) return chinese;
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/-/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Problems({ list }: { list: FieldProblem[] }) {
  if (list.length === 0) return null;
  return (
    <ul className="field-problems">
      {list.map((p, i) => (
        <li key={i} className={p.severity}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** A field's help: the schema's description, in Chinese when the interface is (fieldHelp.ts). */
function Help({ node, id, ui }: { node: SchemaNode; id: string; ui: UiLang }) {
  return node.description ? (
    <p className="help" id={id}>
      {helpOf(node.description, ui)}
    </p>
  ) : null;
}

export function Field(props: {
  node: SchemaNode;
  path: Path;
  ctx: FormContext;
  required?: boolean;
  label?: string;
}) {
  const { node, path, ctx } = props;
  const value = getAt(ctx.root, path);
  const shape = shapeOf(node);
  const helpId = useId();
  const label = props.label ?? labelOf(path[path.length - 1] ?? '', ctx.ui);
  const id = fieldId(path);
  const readOnly = ctx.readOnly(path);
  const problems = problemsAt(ctx.problems, path);
  const refKind = referenceKind(ctx.kind, path.slice(ctx.refOffset));
  const invalid = problems.some((p) => p.severity === 'error');
  const described = node.description ? helpId : undefined;
  const placeholder =
    node.default !== undefined && typeof node.default !== 'object'
      ? t(ctx.ui, 'defaultValue', { value: String(node.default) })
      : undefined;

  const labelRow = (forId?: string): ReactNode => (
    <label className="field-label" htmlFor={forId}>
      {label}
      {props.required ? <span className="required"> · {t(ctx.ui, 'required')}</span> : null}
    </label>
  );

  switch (shape) {
    case 'object': {
      const children = Object.entries(node.properties ?? {}).map(([key, child]) => (
        <Field
          key={key}
          node={child}
          path={[...path, key]}
          ctx={ctx}
          required={node.required?.includes(key) ?? false}
        />
      ));
      if (path.length === ctx.refOffset) return <div className="form-root">{children}</div>;
      return (
        <fieldset className="group" id={id}>
          <legend>{label}</legend>
          <Help node={node} id={helpId} ui={ctx.ui} />
          <Problems list={problems} />
          {children}
        </fieldset>
      );
    }
    case 'text':
      return (
        <LocalizedField
          node={node}
          path={path}
          ctx={ctx}
          label={label}
          required={props.required ?? false}
          helpId={helpId}
        />
      );
    case 'boolean':
      return (
        <div className="field field-check">
          <input
            type="checkbox"
            id={id}
            checked={value === true}
            disabled={readOnly}
            aria-describedby={described}
            onChange={(e) => ctx.change(path, e.target.checked)}
          />
          {labelRow(id)}
          <Help node={node} id={helpId} ui={ctx.ui} />
          <Problems list={problems} />
        </div>
      );
    case 'enum':
      return (
        <div className="field">
          {labelRow(id)}
          <Help node={node} id={helpId} ui={ctx.ui} />
          <select
            id={id}
            value={value === undefined ? '' : String(value)}
            disabled={readOnly}
            aria-invalid={invalid}
            aria-describedby={described}
            onChange={(e) => ctx.change(path, e.target.value === '' ? undefined : e.target.value)}
          >
            {props.required ? null : <option value="">{t(ctx.ui, 'none')}</option>}
            {(node.enum ?? []).map((option) => (
              <option key={String(option)} value={String(option)}>
                {String(option)}
              </option>
            ))}
          </select>
          <Problems list={problems} />
        </div>
      );
    case 'number':
      return (
        <div className="field">
          {labelRow(id)}
          <Help node={node} id={helpId} ui={ctx.ui} />
          <input
            type="number"
            id={id}
            step="any"
            min={node.minimum}
            max={node.maximum}
            value={typeof value === 'number' ? value : ''}
            placeholder={placeholder}
            disabled={readOnly}
            aria-invalid={invalid}
            aria-describedby={described}
            onChange={(e) => ctx.change(path, e.target.value === '' ? undefined : Number(e.target.value))}
          />
          <Problems list={problems} />
        </div>
      );
    case 'string':
    case 'scalar': {
      if (refKind)
        return (
          <div className="field">
            {labelRow(id)}
            <Help node={node} id={helpId} ui={ctx.ui} />
            <ReferenceChoice
              id={id}
              kind={refKind}
              value={typeof value === 'string' ? value : undefined}
              ctx={ctx}
              readOnly={readOnly}
              onChange={(v) => ctx.change(path, v)}
            />
            <Problems list={problems} />
          </div>
        );
      const text = value === undefined || value === null ? '' : String(value);
      const long = text.length > 70 || text.includes('\n');
      const onText = (v: string) => ctx.change(path, v === '' && !props.required ? undefined : v);
      return (
        <div className="field">
          {labelRow(id)}
          <Help node={node} id={helpId} ui={ctx.ui} />
          {long ? (
            <textarea
              id={id}
              value={text}
              rows={Math.min(12, Math.max(3, Math.ceil(text.length / 70)))}
              disabled={readOnly}
              aria-invalid={invalid}
              aria-describedby={described}
              onChange={(e) => onText(e.target.value)}
            />
          ) : (
            <input
              type="text"
              id={id}
              value={text}
              placeholder={placeholder}
              disabled={readOnly}
              aria-invalid={invalid}
              aria-describedby={described}
              onChange={(e) => onText(e.target.value)}
            />
          )}
          <Problems list={problems} />
        </div>
      );
    }
    case 'date':
      return (
        <div className="field field-date">
          {labelRow(id)}
          {/* The schema's description is about how the file writes a date; curators get the form's. */}
          <p className="help" id={helpId}>
            {t(ctx.ui, 'dateHelp')}
          </p>
          <DateInputs
            id={id}
            value={value}
            ui={ctx.ui}
            readOnly={readOnly}
            invalid={invalid}
            describedBy={helpId}
            onChange={(v) => ctx.change(path, v)}
          />
          <Problems list={problems} />
        </div>
      );
    case 'list':
      return <ListField node={node} path={path} ctx={ctx} label={label} helpId={helpId} />;
    default:
      return <JsonField node={node} path={path} ctx={ctx} label={label} helpId={helpId} />;
  }
}

function LocalizedField(props: {
  node: SchemaNode;
  path: Path;
  ctx: FormContext;
  label: string;
  required: boolean;
  helpId: string;
}) {
  const { node, path, ctx } = props;
  const value = (getAt(ctx.root, path) ?? {}) as Record<string, string>;
  const problems = problemsAt(ctx.problems, path);
  const langs = ctx.translate
    ? [ctx.translate.target]
    : [...ctx.languages, ...Object.keys(value).filter((l) => !ctx.languages.includes(l))];
  const long = Object.values(value).some((v) => typeof v === 'string' && (v.length > 70 || v.includes('\n')));
  const setLang = (lang: string, text: string) => {
    const next = { ...value };
    if (text === '') delete next[lang];
    else next[lang] = text;
    ctx.change(path, Object.keys(next).length === 0 && !props.required ? undefined : next);
  };
  return (
    <fieldset className="group localized" id={fieldId(path)}>
      <legend>
        {props.label}
        {props.required ? <span className="required"> · {t(ctx.ui, 'required')}</span> : null}
      </legend>
      {/* The generic help of every text field is for people editing the YAML by hand; a field's own is shown. */}
      {node.description?.startsWith('Text per language:') ? null : (
        <Help node={node} id={props.helpId} ui={ctx.ui} />
      )}
      <Problems list={problems} />
      {langs.map((lang) => {
        const id = fieldId([...path, lang]);
        const text = value[lang] ?? '';
        const langProblems = problemsAt(ctx.problems, [...path, lang]);
        const input = long ? (
          <textarea
            id={id}
            lang={lang}
            value={text}
            rows={Math.min(14, Math.max(3, Math.ceil(text.length / 60)))}
            disabled={ctx.readOnly([...path, lang])}
            onChange={(e) => setLang(lang, e.target.value)}
          />
        ) : (
          <input
            type="text"
            id={id}
            lang={lang}
            value={text}
            disabled={ctx.readOnly([...path, lang])}
            onChange={(e) => setLang(lang, e.target.value)}
          />
        );
        return (
          <div key={lang} className={ctx.translate ? 'lang-row side-by-side' : 'lang-row'}>
            {ctx.translate ? (
              <div className="source" lang={ctx.translate.source}>
                <span className="lang-tag">{languageName(ctx.ui, ctx.translate.source)}</span>
                <p>{value[ctx.translate.source] ?? '—'}</p>
              </div>
            ) : null}
            <div className="target">
              <label className="lang-tag" htmlFor={id}>
                {languageName(ctx.ui, lang)}
              </label>
              {input}
              <Problems list={langProblems} />
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

function ListField(props: { node: SchemaNode; path: Path; ctx: FormContext; label: string; helpId: string }) {
  const { node, path, ctx } = props;
  const list = (Array.isArray(getAt(ctx.root, path)) ? getAt(ctx.root, path) : []) as unknown[];
  const readOnly = ctx.readOnly(path);
  const problems = problemsAt(ctx.problems, path);
  const [picking, setPicking] = useState(false);
  const itemRef = referenceKind(ctx.kind, [...path, 0].slice(ctx.refOffset));
  if (itemRef) {
    return (
      <fieldset className="group" id={fieldId(path)}>
        <legend>{props.label}</legend>
        <Help node={node} id={props.helpId} ui={ctx.ui} />
        <ul className="chips">
          {list.map((ref, i) => (
            <li key={`${String(ref)}-${i}`} id={fieldId([...path, i])}>
              <ItemBadge kind={itemRef} id={String(ref)} ctx={ctx} />
              {readOnly ? null : (
                <button
                  type="button"
                  className="quiet"
                  aria-label={`${t(ctx.ui, 'remove')} ${String(ref)}`}
                  onClick={() => ctx.change([...path, i], undefined)}
                >
                  ×
                </button>
              )}
              <Problems list={problemsAt(ctx.problems, [...path, i])} />
            </li>
          ))}
        </ul>
        {readOnly ? null : (
          <button type="button" onClick={() => setPicking(true)}>
            {t(ctx.ui, 'add')}…
          </button>
        )}
        <Problems list={problems} />
        {picking ? (
          <Picker
            kind={itemRef}
            ui={ctx.ui}
            items={ctx.items}
            exclude={list.map(String)}
            onClose={() => setPicking(false)}
            onChoose={(id) => {
              setPicking(false);
              ctx.change(path, [...list, id]);
            }}
          />
        ) : null}
      </fieldset>
    );
  }
  return (
    <fieldset className="group" id={fieldId(path)}>
      <legend>{props.label}</legend>
      <Help node={node} id={props.helpId} ui={ctx.ui} />
      <Problems list={problems} />
      {list.map((_, i) => (
        <div className="list-item" key={i}>
          <Field node={node.items ?? {}} path={[...path, i]} ctx={ctx} label={`${props.label} ${i + 1}`} />
          {readOnly ? null : (
            <button type="button" className="quiet" onClick={() => ctx.change([...path, i], undefined)}>
              {t(ctx.ui, 'remove')}
            </button>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <button type="button" onClick={() => ctx.change(path, [...list, emptyValue(node.items)])}>
          {t(ctx.ui, 'add')}
        </button>
      )}
    </fieldset>
  );
}

function JsonField(props: { node: SchemaNode; path: Path; ctx: FormContext; label: string; helpId: string }) {
  const { path, ctx } = props;
  const value = getAt(ctx.root, path);
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState(false);
  const id = fieldId(path);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label} <span className="required">· {t(ctx.ui, 'rawData')}</span>
      </label>
      <Help node={props.node} id={props.helpId} ui={ctx.ui} />
      <textarea
        id={id}
        className="code"
        rows={Math.min(10, text.split('\n').length + 1)}
        value={text}
        aria-invalid={bad}
        disabled={ctx.readOnly(path)}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            ctx.change(path, text.trim() === '' ? undefined : JSON.parse(text));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      <Problems list={problemsAt(ctx.problems, path, true)} />
    </div>
  );
}

export function titleOf(item: ItemSummary | undefined, ui: UiLang, languages: string[]): string {
  if (!item) return '';
  const prefer = ui === 'zh-Hans' ? ['zh-Hans', ...languages] : ['en', ...languages];
  for (const l of prefer) if (item.title[l]) return item.title[l] ?? '';
  return Object.values(item.title)[0] ?? item.id;
}

function ItemBadge({ kind, id, ctx }: { kind: ItemKind; id: string; ctx: FormContext }) {
  const item = ctx.items.find((i) => i.kind === kind && i.id === id);
  return (
    <span className="item-badge">
      {item?.thumbnail ? <img src={item.thumbnail} alt="" /> : null}
      <span>
        <span className="item-badge-title">{item ? titleOf(item, ctx.ui, ctx.languages) : id}</span>
        <span className="item-badge-id">{id}</span>
      </span>
    </span>
  );
}

function ReferenceChoice(props: {
  id: string;
  kind: ItemKind;
  value: string | undefined;
  ctx: FormContext;
  readOnly: boolean;
  onChange(v: string | undefined): void;
}) {
  const [picking, setPicking] = useState(false);
  const { ctx } = props;
  return (
    <div className="reference">
      {props.value ? (
        <ItemBadge kind={props.kind} id={props.value} ctx={ctx} />
      ) : (
        <span className="muted">{t(ctx.ui, 'none')}</span>
      )}
      {props.readOnly ? null : (
        <>
          <button type="button" id={props.id} onClick={() => setPicking(true)}>
            {t(ctx.ui, 'choose')}
          </button>
          {props.value ? (
            <button type="button" className="quiet" onClick={() => props.onChange(undefined)}>
              {t(ctx.ui, 'remove')}
            </button>
          ) : null}
        </>
      )}
      {picking ? (
        <Picker
          kind={props.kind}
          ui={ctx.ui}
          items={ctx.items}
          exclude={[]}
          onClose={() => setPicking(false)}
          onChoose={(id) => {
            setPicking(false);
            props.onChange(id);
          }}
        />
      ) : null}
    </div>
  );
}
