import type { Offer } from '@reco/contracts';
import { loadReferentials } from '@reco/referentials';
import { describe, expect, it } from 'vitest';
import { embeddingText, searchBody } from './offer-text';

const referentials = loadReferentials();

function offer(more: Partial<Offer>): Offer {
  return {
    id: 'test:1',
    kind: 'training',
    title: 'Cariste',
    provider: { name: 'Organisme de test' },
    formacodes: [],
    romeCodes: ['N1101'],
    nsfCodes: [],
    location: { precision: 'departement', departement: '69', lat: 45.77, lon: 4.81 },
    sessions: [],
    funding: { cpf: true },
    modality: 'in_person',
    sources: [{ source: 'mcf', sourceId: '1:69' }],
    qualityFlags: [],
    contentHash: 'test',
    ...more,
  };
}

describe('the searchable text of an offer', () => {
  it("carries the ROME label and job titles of the offer's jobs, described or not", () => {
    const body = searchBody(offer({}), referentials);
    const label = referentials.romeLabel('N1101');
    const jobTitles = referentials.appellations().filter((appellation) => appellation.romeCode === 'N1101');
    expect(label).toBeDefined();
    expect(jobTitles.length).toBeGreaterThan(0);
    expect(body).toContain(label);
    for (const { label: jobTitle } of jobTitles) expect(body).toContain(jobTitle);
  });

  it("gives every producer the same referentials' words, whatever the length of its description", () => {
    const terse = searchBody(offer({ objectives: 'Conduite de chariots.' }), referentials);
    const lengthy = searchBody(
      offer({ objectives: 'Conduite de chariots. '.repeat(200), content: 'Sécurité. '.repeat(500) }),
      referentials,
    );
    const referentialPart = terse.slice(0, terse.lastIndexOf('\n'));
    expect(lengthy.startsWith(referentialPart)).toBe(true);
    // The description is bounded as the embedder's is.
    expect(lengthy.length - referentialPart.length).toBeLessThanOrEqual(2001);
  });

  it('leaves the embedded text as it was: title, certification, code labels, description', () => {
    const text = embeddingText(offer({ objectives: 'Conduite de chariots.' }), referentials);
    expect(text).toBe(`Cariste. ${referentials.romeLabel('N1101')}. Conduite de chariots.`);
  });
});
