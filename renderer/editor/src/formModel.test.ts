import { describe, expect, it } from 'vitest';
import {
  emptyValue,
  fieldId,
  fieldPath,
  getAt,
  problemsAt,
  referenceKind,
  setAt,
  shapeOf,
  targetFieldId,
} from './formModel';

describe('the form model', () => {
  it.each([
    [{ type: 'object', properties: { a: { type: 'string' } } }, 'object'],
    [{ type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } }, 'text'],
    [{ type: 'object', additionalProperties: { type: 'object' } }, 'json'],
    [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 'scalar'],
    [{ type: 'string', enum: ['a', 'b'] }, 'enum'],
    [{ type: 'array', items: { type: 'string' } }, 'list'],
    [{ type: 'array', items: { type: 'array' } }, 'json'],
    [{ type: 'integer' }, 'number'],
    [{ type: 'boolean' }, 'boolean'],
  ])('%j is a %s field', (node, shape) => expect(shapeOf(node)).toBe(shape));

  it('writes field paths as the checker does', () => {
    expect(fieldPath(['caption', 'en'])).toBe('caption.en');
    expect(fieldPath(['hours', 'holidays', 0, 'date'])).toBe('hours.holidays[1].date');
    expect(fieldId(['en', 'title'])).toBe('field-en_title');
  });

  it('reads and writes values at a path without changing the original', () => {
    const data = { caption: { en: 'a' }, people: ['x', 'y'] };
    expect(setAt(data, ['caption', 'ja'], 'b')).toEqual({
      caption: { en: 'a', ja: 'b' },
      people: ['x', 'y'],
    });
    expect(setAt(data, ['people', 0], undefined)).toEqual({ caption: { en: 'a' }, people: ['y'] });
    expect(setAt(data, ['caption', 'en'], undefined)).toEqual({ caption: {}, people: ['x', 'y'] });
    expect(data).toEqual({ caption: { en: 'a' }, people: ['x', 'y'] });
    expect(getAt(data, ['people', 1])).toBe('y');
    expect(getAt(data, ['nothing', 'here'])).toBeUndefined();
  });

  it('knows which fields name other items', () => {
    expect(referenceKind('story', ['cover'])).toBe('photo');
    expect(referenceKind('story', ['related', 'people', 2])).toBe('person');
    expect(referenceKind('diary', ['author'])).toBe('person');
    expect(referenceKind('photo', ['source'])).toBeUndefined();
  });

  it('finds the problems of a field and the field a problem is about', () => {
    const problems = [
      { severity: 'error' as const, field: 'caption.en', message: 'm', code: 'c', file: 'f' },
      { severity: 'error' as const, field: 'sources[2]', message: 'm', code: 'c', file: 'f' },
    ];
    expect(problemsAt(problems, ['caption'], true)).toHaveLength(1);
    expect(problemsAt(problems, ['caption'])).toHaveLength(0);
    expect(targetFieldId(problems[1] as (typeof problems)[number], (id) => id === 'field-sources')).toBe(
      'field-sources',
    );
    expect(targetFieldId(problems[0] as (typeof problems)[number], () => false)).toBeNull();
  });

  it('makes a new list item with its required fields', () => {
    expect(
      emptyValue({
        type: 'object',
        properties: { date: { type: 'string' }, hours: { type: 'array', items: { type: 'string' } } },
        required: ['date', 'hours'],
      }),
    ).toEqual({ date: '', hours: [] });
  });
});
