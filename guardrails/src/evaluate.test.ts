import { describe, expect, it } from 'vitest';
import {
  evaluateLabelledSet,
  evaluatePii,
  loadLabelledPrompts,
  loadPiiNotes,
  type PiiNote,
} from './evaluate';
import { loadGuardrail } from './guardrail';
import { loadNaiveBaseline } from './naive-baseline';
import type { Guardrail } from './types';

const guardrail = loadGuardrail();

// Thresholds are the measured figures minus a margin: a drop below them is a regression to look at.
describe('labelled counsellor requests', () => {
  const development = loadLabelledPrompts('development');
  const holdout = loadLabelledPrompts('holdout');

  it('is a realistic set: every category, hard negatives, identifiers', () => {
    expect(development.length).toBeGreaterThanOrEqual(150);
    expect(development.filter((p) => p.hard_negative).length).toBeGreaterThanOrEqual(40);
    for (const category of [
      'health',
      'family',
      'social_situation',
      'criminal',
      'origin',
      'religion',
      'political',
      'union',
      'sexual_life',
      'identifier',
    ]) {
      expect(
        development.filter((p) => p.categories.includes(category as never)).length,
        category,
      ).toBeGreaterThanOrEqual(8);
    }
  });

  it('scores on the development set (measured: macro-F1 1.00, accuracy 100 %)', () => {
    const report = evaluateLabelledSet(guardrail, development);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.95);
    expect(report.decisionAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.hardNegatives.blockedIds).toEqual([]);
  });

  it('scores on the held-out set (measured: macro-F1 0.93, accuracy 92 %, 1 of 18 hard negatives blocked)', () => {
    const report = evaluateLabelledSet(guardrail, holdout);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.88);
    expect(report.decisionAccuracy).toBeGreaterThanOrEqual(0.87);
    expect(report.hardNegatives.blockedIds.length).toBeLessThanOrEqual(2);
  });

  it('beats the naive substring baseline by far', () => {
    const naive = evaluateLabelledSet(loadNaiveBaseline(), development);
    const ours = evaluateLabelledSet(guardrail, development);
    expect(ours.macroF1 - naive.macroF1).toBeGreaterThan(0.3);
    expect(naive.hardNegatives.blockedIds.length).toBeGreaterThan(ours.hardNegatives.blockedIds.length);
  });
});

describe('identifiers on AP-HP EDS-Pseudo', () => {
  const notes = loadPiiNotes();

  it('catches names, phones, e-mails, NIRs and addresses (measured: recall 91.7 %, leak 9.6 %)', () => {
    const report = evaluatePii(guardrail, notes);
    expect(report.spans).toBeGreaterThan(4000);
    expect(report.recall).toBeGreaterThanOrEqual(0.88);
    expect(report.leakRate).toBeLessThanOrEqual(0.13);
    expect(report.spuriousFindings / report.identifierFindings).toBeLessThanOrEqual(0.03);
  });
});

describe('evaluation arithmetic', () => {
  /** A guardrail that reports what it is told, to check the counting itself. */
  const scripted = (answers: Record<string, ReturnType<Guardrail['check']>>): Guardrail => ({
    check: (text) => answers[text] ?? { decision: 'allow', categories: [], findings: [], redacted: text },
  });

  it('counts precision, recall and decision accuracy per prompt', () => {
    const items = [
      { id: '1', text: 'a', categories: ['health' as const], decision: 'block' as const },
      { id: '2', text: 'b', categories: [], decision: 'allow' as const, hard_negative: true },
      { id: '3', text: 'c', categories: ['health' as const], decision: 'block' as const },
    ];
    const report = evaluateLabelledSet(
      scripted({
        a: { decision: 'block', categories: ['health'], findings: [], redacted: 'a' },
        b: { decision: 'block', categories: ['health'], findings: [], redacted: 'b' },
      }),
      items,
    );
    expect(report.perCategory.health).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
    expect(report.perCategory.health.precision).toBe(0.5);
    expect(report.perCategory.health.recall).toBe(0.5);
    expect(report.decisionAccuracy).toBeCloseTo(1 / 3);
    expect(report.hardNegatives.blockedIds).toEqual(['2']);
  });

  it('counts a span as caught when a finding overlaps it and as leaked when its text survives', () => {
    const note: PiiNote = {
      id: 'n',
      split: 'test',
      text: 'Dr Martin 0612345678',
      entities: [
        { start: 3, end: 9, label: 'NOM' },
        { start: 10, end: 20, label: 'TEL' },
      ],
    };
    const report = evaluatePii(
      scripted({
        [note.text]: {
          decision: 'warn',
          categories: ['identifier'],
          findings: [{ category: 'identifier', start: 5, end: 9 }],
          redacted: 'Dr Ma[NOM] 0612345678',
        },
      }),
      [note],
    );
    expect(report.perLabel.NOM).toMatchObject({ spans: 1, caught: 1, leaked: 0 });
    expect(report.perLabel.TEL).toMatchObject({ spans: 1, caught: 0, leaked: 1 });
    expect(report.recall).toBe(0.5);
    expect(report.leakRate).toBe(0.5);
  });
});
