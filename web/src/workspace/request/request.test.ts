import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from '../../lib/debounce';
import { alertsByCategory, highlightSegments } from './highlight';
import { appendPhrase, insertTemplate, PLACEHOLDER, REQUEST_TEMPLATES } from './templates';

describe('highlightSegments', () => {
  const text = 'Maman solo, appeler au 06 12 34 56 78 pour cariste';

  it('cuts the text into plain and risky segments that rebuild it exactly', () => {
    const segments = highlightSegments(text, [
      { category: 'identifier', start: 23, end: 37 },
      { category: 'family', start: 0, end: 10, suggestion: 'Indiquez la contrainte.' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.finding).map((s) => [s.text, s.finding?.category])).toEqual([
      ['Maman solo', 'family'],
      ['06 12 34 56 78', 'identifier'],
    ]);
  });

  it('clips spans beyond the text and merges overlapping ones', () => {
    const segments = highlightSegments('abcdef', [
      { category: 'health', start: 1, end: 4 },
      { category: 'family', start: 3, end: 5 },
      { category: 'origin', start: 5, end: 40 },
    ]);
    expect(segments.map((s) => [s.text, s.finding?.category ?? null])).toEqual([
      ['a', null],
      ['bcde', 'health'],
      ['f', 'origin'],
    ]);
    expect(highlightSegments('', [{ category: 'health', start: 0, end: 3 }])).toEqual([]);
  });
});

describe('alertsByCategory', () => {
  it('groups findings by category with their words, the server’s hint, and marks identifiers as masked', () => {
    const text = 'Marie, 06 12 34 56 78, enceinte';
    const alerts = alertsByCategory(text, [
      { category: 'health', start: 23, end: 31, suggestion: 'Ne mentionnez pas la grossesse.' },
      { category: 'identifier', start: 0, end: 5 },
      { category: 'identifier', start: 7, end: 21 },
    ]);
    expect(alerts).toEqual([
      {
        category: 'identifier',
        label: 'Donnée identifiante',
        words: ['Marie', '06 12 34 56 78'],
        suggestion: expect.stringMatching(/masquée/),
        masked: true,
      },
      {
        category: 'health',
        label: 'Santé',
        words: ['enceinte'],
        suggestion: 'Ne mentionnez pas la grossesse.',
        masked: false,
      },
    ]);
  });

  it('lists a refused category even without spans', () => {
    expect(alertsByCategory('texte', [], ['religion']).map((a) => a.label)).toEqual(['Religion']);
  });
});

describe('request templates and follow-up chips', () => {
  it('insert a template into an empty request with the placeholder selected', () => {
    const template = REQUEST_TEMPLATES[0]?.text ?? '';
    const edit = insertTemplate('  ', template);
    expect(edit.text).toBe('Reconversion vers le métier de … ; formation courte si possible');
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe(PLACEHOLDER);
  });

  it('add a template on a new line after text already typed', () => {
    const edit = insertTemplate('Projet validé.  ', 'Remise à niveau en …');
    expect(edit.text).toBe('Projet validé.\nRemise à niveau en …');
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe('…');
  });

  it('append a refinement after a comma, or start the sentence with it', () => {
    expect(appendPhrase('', 'uniquement à distance').text).toBe('Uniquement à distance');
    expect(appendPhrase('moins de 3 mois,', 'uniquement à distance').text).toBe(
      'moins de 3 mois, uniquement à distance',
    );
  });
});

describe('Debouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once with the last value, after the quiet period', () => {
    const run = vi.fn();
    const debouncer = new Debouncer(run, 400);
    debouncer.push('a');
    vi.advanceTimersByTime(300);
    debouncer.push('ab');
    vi.advanceTimersByTime(399);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledExactlyOnceWith('ab');
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const debouncer = new Debouncer(run, 400);
    debouncer.push('a');
    debouncer.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
