import type { Commune } from '@reco/referentials';
import { ofName } from './french';
import { commaList } from './lists';
import { asciiSlug, type StaffContact, staffContact } from './people';
import { type Places, pickPostcode, streetLine } from './places';
import { type Random, weightedChoice } from './random';
import { regionOfDepartement } from './regions';
import type { SiretRegistry } from './siret';

/** An invented training provider: its name, legal identity, and the départements it works in. */
export interface DemoProvider {
  name: string;
  /** The legal name, as registries print it. */
  legalName: string;
  siret: string;
  /** The "numéro de déclaration d'activité" every French training provider has. */
  activityNumber: string;
  /** The first one is where its head office is. */
  departements: string[];
  headOffice: { commune: Commune; postcode: string; street: string };
  /** A reserved `.example` domain, for invented web sites and staff e-mails. */
  domain: string;
  contact: StaffContact;
}

const EVOCATIVE = commaList(`
  Horizon, Avenir, Tremplin, Boussole, Passerelle, Sésame, Envol, Étoile, Vision, Odyssée, Cèdre,
  Alizé, Azur, Atlas, Prisme, Escale, Archipel, Kaléidoscope, Sillon, Rivage, Boréal, Zénith, Phare,
  Vecteur, Aquarelle, Trajectoire, Déclic, Émergence, Cap Métiers, Nouvel Élan, Pluriel, Synergie
`);
const QUALIFIERS = commaList(`
  Formation, Compétences, Formation Conseil, Métiers, Pro, Campus, Développement, Formation Continue
`);
const TRADES = commaList(`
  des Métiers, des Métiers du Bâtiment, des Métiers de la Santé, du Commerce et de la Gestion,
  des Métiers du Numérique, des Métiers de Bouche, des Services à la Personne, de la Logistique,
  de l'Industrie, du Tourisme et de l'Hôtellerie, des Arts Appliqués, de la Sécurité, du Transport
`);
const LEGAL_FORMS: readonly (readonly [string, number])[] = [
  ['SAS', 35],
  ['SARL', 30],
  ['SASU', 10],
  ['association', 20],
  ['SCOP', 5],
];

function providerName(random: Random, homeTown: string): string {
  const word = random.pick(EVOCATIVE);
  return weightedChoice(random, [
    [`Institut ${word} ${random.pick(QUALIFIERS)}`, 20],
    [`Centre de formation ${word}`, 20],
    [`École ${random.pick(TRADES)} ${ofName(homeTown)}`, 12],
    [`${word} ${random.pick(QUALIFIERS)}`, 20],
    [`Académie ${random.pick(TRADES)}`, 8],
    [`Campus ${word} ${homeTown}`, 8],
    [`${acronym(random)} Formation`, 12],
  ] as const);
}

function acronym(random: Random): string {
  const letters = 'ABCDEFGILMNOPRST';
  let text = '';
  const length = random.int(3, 4);
  for (let i = 0; i < length; i++) text += letters[random.int(0, letters.length - 1)];
  return text;
}

function legalNameOf(name: string, form: string): string {
  return form === 'association' ? `Association ${name}` : `${name.toUpperCase()} ${form}`;
}

/**
 * Invents providers: each has a head office in a real commune, a valid SIRET unique across the
 * catalogue, and works in one to three neighbouring départements.
 */
export class ProviderFactory {
  constructor(
    private readonly places: Places,
    private readonly sirets: SiretRegistry,
  ) {}

  create(random: Random): DemoProvider {
    const home = this.places.pickDepartement(random);
    const spread = weightedChoice(random, [
      [1, 55],
      [2, 30],
      [3, 15],
    ] as const);
    const neighbours = this.places.neighbourhood(home, 4);
    const departements = [home, ...random.sample(neighbours.slice(1), spread - 1)];
    const commune = this.places.pickCommune(random, home);
    const name = providerName(random, commune.name);
    const form = weightedChoice(random, LEGAL_FORMS);
    const domain = `${asciiSlug(name)}.example`;
    const region = regionOfDepartement(home)?.code ?? '00';
    return {
      name,
      legalName: legalNameOf(name, form),
      // SIRENs of companies and associations start with 3 to 9 (1 and 2 are people and public bodies).
      siret: this.sirets.next(random, random.pick(['3', '4', '5', '7', '8', '9'])),
      activityNumber: `${region}${String(random.int(100_000_000, 999_999_999))}`,
      departements,
      headOffice: { commune, postcode: pickPostcode(random, commune), street: streetLine(random) },
      domain,
      contact: staffContact(random, domain),
    };
  }
}
