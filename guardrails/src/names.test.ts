import { describe, expect, it } from 'vitest';
import { loadGuardrail } from './guardrail';

const guardrail = loadGuardrail();

/** The name spans found, as text, with their kind. */
function names(text: string): string[] {
  return guardrail
    .check(text)
    .findings.filter((f) => f.kind === 'first_name' || f.kind === 'last_name')
    .map((f) => `${f.kind === 'first_name' ? 'P' : 'N'}:${text.slice(f.start, f.end)}`);
}

describe('person names', () => {
  it('finds a surname after an honorific, in any case', () => {
    expect(names('Mme Martin souhaite une formation')).toEqual(['N:Martin']);
    expect(names('M. Dupont, 45 ans')).toEqual(['N:Dupont']);
    expect(names('rdv avec mme lefort demain')).toEqual(['N:lefort']);
    expect(names('Madame Sophie Lefebvre souhaite devenir assistante')).toEqual(['P:Sophie', 'N:Lefebvre']);
    expect(names('M. Le Gall cherche un CAP')).toEqual(['N:Le', 'N:Gall']);
  });

  it('does not take an ordinary word after an honorific for a name', () => {
    expect(names('Madame souhaite une formation courte')).toEqual([]);
    expect(names('Monsieur est disponible le matin')).toEqual([]);
  });

  it('finds a capitalised first name and the surname next to it', () => {
    expect(names('Julie cherche une formation')).toEqual(['P:Julie']);
    expect(names('Julien Moreau, formation soudeur')).toEqual(['P:Julien', 'N:Moreau']);
    expect(names('DUPONT Martine, reconversion')).toEqual(['N:DUPONT', 'P:Martine']);
    expect(names('Julie Petit, ancienne vendeuse')).toEqual(['P:Julie', 'N:Petit']);
    expect(names('J. Dupont a appelé')).toEqual(['P:J', 'N:Dupont']);
  });

  it('needs a name context for first names that are ordinary words', () => {
    expect(names('Formation fleuriste : composition florale, rose et pivoine')).toEqual([]);
    expect(names('Formation en taille de pierre chez les compagnons')).toEqual([]);
    expect(names('Formation proposée par France Travail et la Marine nationale')).toEqual([]);
    expect(names('Formation à Nancy ou à Saint-Étienne')).toEqual([]);
    expect(names('Rose cherche une formation')).toEqual(['P:Rose']);
    expect(names("Elle s'appelle Rose")).toEqual(['P:Rose']);
    expect(names('Pierre Durand, ancien commercial')).toEqual(['P:Pierre', 'N:Durand']);
    expect(names('Mme Claude est disponible')).toEqual(['N:Claude']);
  });

  it('takes unknown capitalised words opening a request before a wish verb for the name', () => {
    expect(names('Zyliane souhaite devenir cariste')).toEqual(['P:Zyliane']);
    expect(names('Bonjour. Keziah Mbappou cherche une formation')).toEqual(['P:Keziah', 'N:Mbappou']);
    expect(names('Formation de cariste. Ilyès voudrait un CACES')).toEqual(['P:Ilyès']);
    expect(names('Souhaite devenir cariste, Zyliane hésite encore')).toEqual([]);
    expect(names('Cariste souhaite évoluer')).toEqual([]);
    expect(names('Lycée souhaite accueillir des stagiaires')).toEqual([]);
    expect(names('Zyliane travaille le soir')).toEqual([]);
  });

  it('leaves places and institutions named after people', () => {
    expect(names('Stage possible au lycée Jean Moulin')).toEqual([]);
    expect(names("BTS à l'université Claude Bernard Lyon 1")).toEqual([]);
    expect(names('habite 3 avenue Victor Hugo')).toEqual([]);
  });

  it('leaves acronyms and capitalised tools', () => {
    expect(names('IBAN et RIB à fournir')).toEqual([]);
    expect(names('Formation Catia V5 pour technicien')).toEqual([]);
    expect(names('Cherche formation Ruby on Rails')).toEqual([]);
  });

  it('never takes a sensitive term for a name, so it is still reported', () => {
    const result = guardrail.check('Julie RQTH, cherche formation');
    expect(names('Julie RQTH, cherche formation')).toEqual(['P:Julie']);
    expect(result.categories).toContain('health');
    expect(guardrail.check('le candidat bipolaire cherche une formation').categories).toEqual(['health']);
  });
});
